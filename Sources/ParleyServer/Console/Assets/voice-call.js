// One call with an agent over /ws/voice: the microphone in (AudioWorklet, 16 kHz PCM16 frames),
// the agent's speech out (raw PCM16 at 24 kHz, scheduled back to back so that it plays without
// gaps), the server's messages passed to the page, and reconnection with the conversation's
// historyKey when the network drops.
import { session } from "./api.js";

const agentRate = 24000;
const maxBufferedBytes = 64 * 1024;
const retryDelaysMs = [500, 1000, 2000, 4000, 8000, 8000];
// Speech before the agent is ready (its engines load as the call starts) is kept, up to 10 s.
const maxEarlyFrames = 500;

/** What each close code of /ws/voice means, in words. */
export const closeReasons = {
  1008: "The server refused the call's settings.",
  1009: "The browser sent a message that was too large.",
  1011: "The call failed on the server.",
  4001: "The API key was refused. Sign in again with a valid key.",
  4002: "Your organisation has run out of credits.",
  4003: "This agent's language model is not allowed on this server.",
  4004: "An engine this agent needs is not installed on the server.",
  4005: "That agent does not exist, is inactive, or cannot take voice calls.",
  4029: "Too many calls were started with this key in the last minute. Wait a moment and try again.",
};

export class VoiceCall {
  /**
   * `events`: onState(state) with "connecting", "listening", "thinking", "speaking",
   * "reconnecting" or "ended"; onTranscript({role, text, isFinal}); onLevel(0…1);
   * onError(message); onEnded(message or null).
   */
  constructor(agentID, events) {
    this.agentID = agentID;
    this.events = events;
    this.historyKey = null;
    this.muted = false;
    this.hangingUp = false;
    this.retries = 0;
    this.sources = new Set();
    this.earlyFrames = [];
    // A reply whose audio has begun to arrive and has not been sent whole (audioEnd) yet.
    this.replyArriving = false;
    this.playhead = 0;
    // Read by the browser tests: what reached the speakers and what was cut off.
    this.stats = {
      framesSent: 0, chunksReceived: 0, secondsScheduled: 0, peakOutput: 0, reconnects: 0, historyKeys: [],
      // Barge-ins: audioStop messages, those that cut a reply off (playing, or still arriving
      // between pieces), and the loudest output 100 ms after one that cut speech off.
      audioStops: 0, repliesCut: 0, peakAfterStop: null,
    };
  }

  async start() {
    this.events.onState("connecting");
    this.microphone = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    this.capture = await openCapture(this.microphone);
    this.capture.node.port.onmessage = (event) => this.sendFrame(event.data);
    this.speaker = new AudioContext();
    this.analyser = this.speaker.createAnalyser();
    this.analyser.fftSize = 512;
    this.analyser.connect(this.speaker.destination);
    this.meter = setInterval(() => this.measureOutput(), 50);
    this.connect();
  }

  setMuted(muted) { this.muted = muted; }

  hangUp() {
    this.hangingUp = true;
    clearTimeout(this.retryTimer);
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000, "Hung up");
    else this.finish(null);
  }

  connect() {
    const url = new URL("/ws/voice", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("agent_id", this.agentID);
    url.searchParams.set("audio_format", "pcm16");
    if (this.historyKey) url.searchParams.set("session_id", this.historyKey);
    // The key rides in a subprotocol, as a browser cannot set headers on a WebSocket.
    const socket = new WebSocket(url, ["parley", `parley-key.${session.key}`]);
    socket.binaryType = "arraybuffer";
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => this.closed(event);
    this.socket = socket;
  }

  sendFrame({ pcm, level }) {
    this.events.onLevel(this.muted ? 0 : level);
    // Muted, the server still hears time pass (silence), so turns and timeouts go on as usual.
    const frame = this.muted ? new Int16Array(pcm.byteLength / 2).buffer : pcm;
    if (!this.connected) {
      // Before the first connection, what the caller says is kept for the agent; while
      // reconnecting, the moment is lost with the network.
      if (!this.historyKey && this.earlyFrames.length < maxEarlyFrames) this.earlyFrames.push(frame);
      return;
    }
    // A socket that cannot keep up drops frames rather than queue seconds of stale speech; one
    // that is closing (the caller hung up, the server ended the call) takes none.
    if (this.socket.readyState !== WebSocket.OPEN || this.socket.bufferedAmount > maxBufferedBytes) return;
    this.socket.send(frame);
    this.stats.framesSent += 1;
  }

  receive(data) {
    if (data instanceof ArrayBuffer) {
      this.play(data);
      return;
    }
    let message;
    try { message = JSON.parse(data); } catch { return; }
    switch (message.type) {
      case "connected":
        this.connected = true;
        this.retries = 0;
        this.historyKey = message.historyKey;
        this.stats.historyKeys.push(message.historyKey);
        this.events.onState("listening");
        for (const frame of this.earlyFrames.splice(0)) this.socket.send(frame);
        break;
      case "transcript":
        this.events.onTranscript(message.payload);
        if (message.payload.role === "user" && message.payload.isFinal && this.sources.size === 0) this.events.onState("thinking");
        break;
      case "audioStop":
        this.stats.audioStops += 1;
        if (this.replyArriving || this.sources.size > 0) this.stats.repliesCut += 1;
        if (this.sources.size > 0) {
          const chunks = this.stats.chunksReceived;
          setTimeout(() => { if (this.stats.chunksReceived === chunks) this.stats.peakAfterStop = this.outputPeak(); }, 100);
        }
        this.replyArriving = false;
        this.stopPlayback();
        break;
      case "audioEnd":
        this.replyArriving = false;
        if (this.sources.size === 0) this.events.onState("listening");
        break;
      case "error":
        this.events.onError(message.payload?.message ?? "The server reported an error.");
        break;
    }
  }

  play(bytes) {
    const samples = new Int16Array(bytes, 0, Math.floor(bytes.byteLength / 2));
    if (samples.length === 0) return;
    const buffer = this.speaker.createBuffer(1, samples.length, agentRate);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < samples.length; i++) channel[i] = samples[i] / 32768;
    const source = this.speaker.createBufferSource();
    source.buffer = buffer;
    source.connect(this.analyser);
    // Each piece starts where the one before ends; a small lead absorbs the first one's jitter.
    const start = Math.max(this.speaker.currentTime + 0.02, this.playhead);
    source.start(start);
    this.playhead = start + buffer.duration;
    this.sources.add(source);
    source.onended = () => {
      this.sources.delete(source);
      if (this.sources.size === 0 && this.connected) this.events.onState("listening");
    };
    this.stats.chunksReceived += 1;
    this.replyArriving = true;
    this.stats.secondsScheduled += buffer.duration;
    this.events.onState("speaking");
  }

  /** Barge-in (or the end of the call): everything received stops at once. */
  stopPlayback() {
    for (const source of this.sources) {
      source.onended = null;
      source.stop();
    }
    this.sources.clear();
    this.playhead = 0;
    if (this.connected) this.events.onState("listening");
  }

  measureOutput() {
    if (this.sources.size > 0) this.stats.peakOutput = Math.max(this.stats.peakOutput, this.outputPeak());
  }

  /** The loudest sample now going to the speakers. */
  outputPeak() {
    if (this.speaker.state === "closed") return 0;
    const samples = new Float32Array(this.analyser.fftSize);
    this.analyser.getFloatTimeDomainData(samples);
    let peak = 0;
    for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
    return peak;
  }

  closed(event) {
    this.connected = false;
    this.stopPlayback();
    if (this.hangingUp) return this.finish(null);
    if (closeReasons[event.code]) return this.finish(closeReasons[event.code]);
    // The agent hung up (after a silence, or out of credits) or the server is stopping.
    if (event.code === 1000) return this.finish("The call ended.");
    // A dropped network (1006) or a server going away: the same conversation, again.
    if (this.retries >= retryDelaysMs.length) return this.finish("The connection was lost and could not be restored.");
    this.events.onState("reconnecting");
    this.retryTimer = setTimeout(() => { this.stats.reconnects += 1; this.connect(); }, retryDelaysMs[this.retries++]);
  }

  finish(message) {
    clearInterval(this.meter);
    this.microphone?.getTracks().forEach((track) => track.stop());
    this.capture?.context.close();
    this.speaker?.close();
    this.events.onLevel(0);
    this.events.onState("ended");
    this.events.onEnded(message);
  }
}

/** The microphone through the capture worklet, at 16 kHz where the browser allows it. */
async function openCapture(stream) {
  let context = new AudioContext({ sampleRate: 16000 });
  let source;
  try {
    source = context.createMediaStreamSource(stream);
  } catch {
    // Some browsers take a microphone only at its own rate; the worklet then converts.
    await context.close();
    context = new AudioContext();
    source = context.createMediaStreamSource(stream);
  }
  await context.audioWorklet.addModule("/console/capture-worklet.js");
  const node = new AudioWorkletNode(context, "parley-capture", { numberOfInputs: 1, numberOfOutputs: 0 });
  source.connect(node);
  return { context, node };
}
