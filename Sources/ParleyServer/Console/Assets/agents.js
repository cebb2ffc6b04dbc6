// The Agents view: list, create, edit and delete, with the server's own validation.
import { api, engines, APIError } from "./api.js";

const textFields = ["name", "architecture", "system_prompt", "primary_language"];
// Optional settings: an empty input clears them (null).
const optionalFields = ["welcome_message", "secondary_language", "llm_model", "stt_model", "tts_voice"];
const numberFields = ["temperature", "voice_speed", "interruption_sensitivity", "silence_threshold_ms", "silence_timeout_ms"];
const checkFields = ["welcome_interruptible", "active"];
const defaults = {
  architecture: "pipeline", system_prompt: "", primary_language: "en", temperature: 0.7, voice_speed: 1,
  interruption_sensitivity: 0.5, silence_threshold_ms: 500, silence_timeout_ms: 15000, welcome_interruptible: true, active: true,
};

export class AgentsView {
  constructor({ onChange }) {
    this.onChange = onChange;
    this.table = document.querySelector("#agent-table tbody");
    this.empty = document.getElementById("no-agents");
    this.dialog = document.getElementById("agent-dialog");
    this.form = document.getElementById("agent-form");
    this.error = document.getElementById("agent-error");
    document.getElementById("new-agent").addEventListener("click", () => this.edit(null));
    document.getElementById("agent-cancel").addEventListener("click", () => this.dialog.close());
    this.form.addEventListener("submit", (event) => { event.preventDefault(); this.save(); });
    engines().then((found) => {
      fill("llm-models", found.llm_models);
      fill("stt-models", found.stt_models);
      fill("tts-voices", found.tts_voices);
    });
  }

  async show() {
    const { agents } = await api("/agents");
    this.agents = agents;
    this.empty.hidden = agents.length > 0;
    this.table.replaceChildren(...agents.map((agent) => this.row(agent)));
  }

  row(agent) {
    const tr = document.createElement("tr");
    for (const text of [agent.name, agent.primary_language, agent.tts_voice ?? "default", agent.llm_model ?? "default", agent.active ? "yes" : "no"]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    const actions = document.createElement("td");
    actions.className = "row-actions";
    actions.append(
      button("Edit", `Edit ${agent.name}`, () => this.edit(agent)),
      button("Delete", `Delete ${agent.name}`, () => this.remove(agent), "danger"),
    );
    tr.append(actions);
    return tr;
  }

  edit(agent) {
    this.editing = agent;
    this.hideError();
    document.getElementById("agent-dialog-title").textContent = agent ? `Edit ${agent.name}` : "New agent";
    const values = agent ?? defaults;
    for (const name of [...textFields, ...optionalFields, ...numberFields]) this.form.elements[name].value = values[name] ?? "";
    for (const name of checkFields) this.form.elements[name].checked = Boolean(values[name]);
    for (const element of this.form.elements) element.removeAttribute?.("aria-invalid");
    this.dialog.showModal();
    this.form.elements.name.focus();
  }

  async save() {
    this.hideError();
    const body = {};
    for (const name of textFields) body[name] = this.form.elements[name].value;
    for (const name of optionalFields) {
      const value = this.form.elements[name].value.trim();
      // A new agent leaves unset what is empty; an edited one clears it.
      if (value || this.editing) body[name] = value || null;
    }
    for (const name of numberFields) {
      const raw = this.form.elements[name].value;
      if (raw !== "") body[name] = Number(raw);
    }
    for (const name of checkFields) body[name] = this.form.elements[name].checked;
    try {
      if (this.editing) await api(`/agents/${this.editing.id}`, { method: "PATCH", body });
      else await api("/agents", { method: "POST", body });
    } catch (error) {
      return this.showError(error);
    }
    this.dialog.close();
    await this.show();
    this.onChange();
  }

  async remove(agent) {
    if (!confirm(`Delete the agent “${agent.name}”? Its calls stay in the records.`)) return;
    try {
      await api(`/agents/${agent.id}`, { method: "DELETE" });
    } catch (error) {
      alert(error.message);
    }
    await this.show();
    this.onChange();
  }

  /** The server's message; a 422 names its field first, which is then marked and focused. */
  showError(error) {
    this.error.textContent = error.message;
    this.error.hidden = false;
    if (error instanceof APIError && error.status === 422) {
      const field = error.message.split(" ")[0];
      const input = this.form.elements[field];
      if (input) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
      }
    }
  }

  hideError() { this.error.hidden = true; }
}

function fill(id, names = []) {
  document.getElementById(id).replaceChildren(...names.map((name) => new Option(name)));
}

function button(label, accessibleName, action, style) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  element.setAttribute("aria-label", accessibleName);
  if (style) element.className = style;
  element.addEventListener("click", action);
  return element;
}
