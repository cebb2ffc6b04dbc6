// The Calls view (recent calls and the organisation's figures) and one call's transcript with
// the latency of each of its turns as a chart.
import { api } from "./api.js";

const svgNS = "http://www.w3.org/2000/svg";
// The stages of a turn, each measured from the end of the caller's speech.
const stages = [
  { key: "transcript_ms", label: "Transcript", color: "#12805c" },
  { key: "first_token_ms", label: "First token", color: "#b25e00" },
  { key: "first_audio_ms", label: "First audio", color: "#3451d1" },
  { key: "first_byte_sent_ms", label: "Sent", color: "#7a3fc4" },
];

export class CallsView {
  constructor() {
    this.table = document.querySelector("#call-table tbody");
    this.empty = document.getElementById("no-calls");
    this.more = document.getElementById("more-calls");
    this.stats = document.getElementById("stats");
    this.more.addEventListener("click", () => this.load(this.cursor));
  }

  async show() {
    const [stats, { agents }] = await Promise.all([api("/stats"), api("/agents")]);
    this.agentNames = new Map(agents.map((agent) => [agent.id, agent.name]));
    this.stats.replaceChildren(
      figure("Calls", stats.calls), figure("Minutes", stats.minutes), figure("In progress", stats.active_calls), figure("Credits left", stats.credits_balance),
    );
    this.table.replaceChildren();
    await this.load(null);
  }

  async load(cursor) {
    const page = await api(`/calls?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    this.cursor = page.next_cursor;
    this.more.hidden = !page.next_cursor;
    this.table.append(...page.calls.map((call) => this.row(call)));
    this.empty.hidden = this.table.children.length > 0;
  }

  row(call) {
    const tr = document.createElement("tr");
    tr.className = "link";
    const cells = [when(call.started_at), this.agentNames.get(call.agent_id) ?? "(deleted agent)", call.transport, duration(call.duration_seconds), call.status];
    cells.forEach((text, index) => {
      const td = document.createElement("td");
      if (index === 0) {
        const link = document.createElement("a");
        link.href = `#call/${call.id}`;
        link.textContent = text;
        td.append(link);
      } else {
        td.textContent = text;
      }
      tr.append(td);
    });
    tr.addEventListener("click", (event) => { if (event.target.tagName !== "A") location.hash = `#call/${call.id}`; });
    return tr;
  }

  async showCall(id) {
    const call = await api(`/calls/${encodeURIComponent(id)}`);
    const names = this.agentNames ?? new Map((await api("/agents")).agents.map((agent) => [agent.id, agent.name]));
    document.getElementById("call-title").textContent = `Call with ${names.get(call.agent_id) ?? "a deleted agent"}`;
    const phone = call.phone ? ` · ${call.phone.from ?? "?"} → ${call.phone.to ?? "?"}` : "";
    const digits = call.dtmf ? ` · keys ${call.dtmf}` : "";
    document.getElementById("call-meta").textContent = `${when(call.started_at)} · ${call.transport} · ${duration(call.duration_seconds)} · ${call.status}${phone}${digits}`;
    const list = document.getElementById("call-transcript");
    list.replaceChildren(...call.transcript.map((turn) => {
      const li = document.createElement("li");
      li.dataset.role = turn.role;
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = turn.role === "user" ? "Caller" : "Agent";
      li.append(who, document.createTextNode(turn.text));
      return li;
    }));
    drawLatency(document.getElementById("latency-chart"), call.transcript.filter((turn) => turn.latency));
  }
}

/** One bar per measured turn, a mark per stage, the time to the first byte written at its end. */
function drawLatency(container, turns) {
  if (turns.length === 0) {
    container.textContent = "No turn of this call was measured.";
    return;
  }
  const longest = Math.max(...turns.map((turn) => Math.max(...stages.map((stage) => turn.latency[stage.key] ?? 0))), 1);
  const rowHeight = 22, labelWidth = 56, width = 640, barWidth = width - labelWidth - 70;
  const svg = document.createElementNS(svgNS, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${turns.length * rowHeight + 24}`);
  svg.setAttribute("width", "100%");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Latency of ${turns.length} turns, in milliseconds after the caller stopped speaking`);
  const scale = (ms) => labelWidth + (ms / longest) * barWidth;
  turns.forEach((turn, index) => {
    const y = index * rowHeight + 4;
    svg.append(text(4, y + 13, `Turn ${index + 1}`));
    let from = 0;
    for (const stage of stages) {
      const at = turn.latency[stage.key];
      if (at == null) continue;
      svg.append(rect(scale(from), y, Math.max(1, scale(at) - scale(from)), rowHeight - 8, stage.color, `${stage.label}: ${Math.round(at)} ms`));
      from = at;
    }
    svg.append(text(scale(from) + 6, y + 13, `${Math.round(from)} ms`));
  });
  const axisY = turns.length * rowHeight + 18;
  svg.append(text(labelWidth, axisY, "0"), text(labelWidth + barWidth - 40, axisY, `${Math.round(longest)} ms`));
  const legend = document.createElement("figcaption");
  legend.className = "legend";
  for (const stage of stages) {
    const item = document.createElement("span");
    const swatch = document.createElement("i");
    swatch.style.background = stage.color;
    item.append(swatch, stage.label);
    legend.append(item);
  }
  container.replaceChildren(svg, legend);
}

function rect(x, y, width, height, color, title) {
  const element = document.createElementNS(svgNS, "rect");
  Object.entries({ x, y, width, height, rx: 3, fill: color }).forEach(([name, value]) => element.setAttribute(name, value));
  const tooltip = document.createElementNS(svgNS, "title");
  tooltip.textContent = title;
  element.append(tooltip);
  return element;
}

function text(x, y, content) {
  const element = document.createElementNS(svgNS, "text");
  element.setAttribute("x", x);
  element.setAttribute("y", y);
  element.textContent = content;
  return element;
}

function figure(label, value) {
  const item = document.createElement("div");
  const term = document.createElement("dt");
  term.textContent = label;
  const definition = document.createElement("dd");
  definition.textContent = String(value);
  item.append(term, definition);
  return item;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "";
}

function duration(seconds) {
  if (seconds == null) return "in progress";
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
