// The Talk view: pick an agent, press one button, speak.
import { api } from "./api.js";
import { VoiceCall } from "./voice-call.js";

const noAgents = "No active voice agent yet: create one under Agents.";
const stateWords = {
  idle: "Not in a call", connecting: "Connecting…", listening: "Listening", thinking: "Thinking…",
  speaking: "Speaking", reconnecting: "Reconnecting…", ended: "Call ended",
};

export class TalkView {
  constructor() {
    this.agentSelect = document.getElementById("talk-agent");
    this.callButton = document.getElementById("call-button");
    this.muteButton = document.getElementById("mute-button");
    this.state = document.getElementById("call-state");
    this.error = document.getElementById("call-error");
    this.transcript = document.getElementById("transcript");
    this.levelMeter = document.getElementById("level-meter");
    this.levelBar = document.getElementById("level-bar");
    this.hint = document.getElementById("talk-hint");
    this.callButton.addEventListener("click", () => (this.call ? this.call.hangUp() : this.start()));
    this.muteButton.addEventListener("click", () => this.toggleMute());
    // For the browser tests and anyone curious: the latest call and its counters.
    window.parleyConsole = { call: null, stats: null };
  }

  async show() {
    const { agents } = await api("/agents");
    const voiceAgents = agents.filter((agent) => agent.active && agent.architecture !== "text");
    const chosen = this.agentSelect.value;
    this.agentSelect.replaceChildren(...voiceAgents.map((agent) => new Option(agent.name, agent.id)));
    if (voiceAgents.some((agent) => agent.id === chosen)) this.agentSelect.value = chosen;
    this.callButton.disabled = voiceAgents.length === 0 && !this.call;
    if (voiceAgents.length === 0) this.showError(noAgents);
    else if (this.error.textContent === noAgents) this.hideError();
  }

  async start() {
    this.hideError();
    this.transcript.replaceChildren();
    this.lastBubble = { user: null, assistant: null };
    const call = new VoiceCall(this.agentSelect.value, {
      onState: (state) => this.setState(state),
      onTranscript: (line) => this.addTranscript(line),
      onLevel: (level) => this.setLevel(level),
      onError: (message) => this.showError(message),
      onEnded: (message) => this.ended(message),
    });
    this.call = call;
    window.parleyConsole.call = call;
    window.parleyConsole.stats = call.stats;
    this.callButton.textContent = "Hang up";
    this.callButton.setAttribute("aria-pressed", "true");
    this.muteButton.disabled = false;
    this.agentSelect.disabled = true;
    this.hint.hidden = true;
    try {
      await call.start();
    } catch (error) {
      this.ended(error.name === "NotAllowedError" ? "The browser was not allowed to use the microphone." : `The call could not start: ${error.message}`);
    }
  }

  ended(message) {
    this.call = null;
    this.callButton.textContent = "Start talking";
    this.callButton.setAttribute("aria-pressed", "false");
    this.muteButton.disabled = true;
    this.muteButton.setAttribute("aria-pressed", "false");
    this.muteButton.textContent = "Mute";
    this.agentSelect.disabled = false;
    this.hint.hidden = false;
    this.setState("idle");
    if (message) this.showError(message);
  }

  toggleMute() {
    if (!this.call) return;
    const muted = this.muteButton.getAttribute("aria-pressed") !== "true";
    this.call.setMuted(muted);
    this.muteButton.setAttribute("aria-pressed", String(muted));
    this.muteButton.textContent = muted ? "Unmute" : "Mute";
  }

  setState(state) {
    this.state.dataset.state = state;
    this.state.textContent = stateWords[state] ?? state;
  }

  setLevel(level) {
    // Speech sits around 0.02–0.3 RMS: a square root spreads it over the bar.
    const percent = Math.min(100, Math.round(Math.sqrt(level) * 180));
    this.levelBar.style.width = `${percent}%`;
    this.levelMeter.setAttribute("aria-valuenow", String(percent));
  }

  /** A partial line replaces the one before it until the final one arrives. */
  addTranscript({ role, text, isFinal }) {
    let bubble = this.lastBubble[role];
    if (!bubble || bubble.dataset.final === "true") {
      bubble = document.createElement("li");
      bubble.dataset.role = role;
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = role === "user" ? "You" : this.agentSelect.selectedOptions[0]?.text ?? "Agent";
      bubble.append(who, document.createElement("span"));
      this.transcript.append(bubble);
      this.lastBubble[role] = bubble;
    }
    bubble.lastChild.textContent = text;
    bubble.dataset.final = String(isFinal);
    bubble.scrollIntoView({ block: "nearest" });
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  hideError() { this.error.hidden = true; }
}
