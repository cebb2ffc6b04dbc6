// Turns the microphone into 20 ms frames of 16 kHz PCM16, as /ws/voice takes them, with each
// frame's level. The context is opened at 16 kHz where the browser allows it; at any other rate
// each output sample is the mean of the input samples it covers.
const outputRate = 16000;
const frameSamples = 320;

class ParleyCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.frame = new Int16Array(frameSamples);
    this.filled = 0;
    this.energy = 0;
    this.phase = 0;
    this.sum = 0;
    this.count = 0;
  }

  process(inputs) {
    const input = inputs[0] && inputs[0][0];
    if (!input) return true;
    for (let i = 0; i < input.length; i++) {
      if (sampleRate === outputRate) {
        this.push(input[i]);
        continue;
      }
      this.sum += input[i];
      this.count += 1;
      this.phase += outputRate;
      if (this.phase >= sampleRate) {
        this.phase -= sampleRate;
        this.push(this.sum / this.count);
        this.sum = 0;
        this.count = 0;
      }
    }
    return true;
  }

  push(value) {
    const sample = Math.max(-1, Math.min(1, value));
    this.frame[this.filled++] = sample < 0 ? sample * 0x8000 : sample * 0x7fff;
    this.energy += sample * sample;
    if (this.filled === frameSamples) {
      const level = Math.sqrt(this.energy / frameSamples);
      this.port.postMessage({ pcm: this.frame.buffer, level }, [this.frame.buffer]);
      this.frame = new Int16Array(frameSamples);
      this.filled = 0;
      this.energy = 0;
    }
  }
}

registerProcessor("parley-capture", ParleyCapture);
