// The console's shell: sign-in, the navigation between views (by the URL's hash), sign-out.
import { api, session, APIError } from "./api.js";
import { TalkView } from "./talk.js";
import { AgentsView } from "./agents.js";
import { CallsView } from "./calls.js";

const talk = new TalkView();
const agents = new AgentsView({ onChange: () => talk.show().catch(() => {}) });
const calls = new CallsView();
const views = ["sign-in", "talk", "agents", "calls", "call"];

function showView(name) {
  for (const view of views) document.getElementById(`view-${view}`).hidden = view !== name;
  for (const link of document.querySelectorAll("#nav a")) {
    if (link.dataset.view === name || (name === "call" && link.dataset.view === "calls")) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function route() {
  if (!session.key) return showSignIn();
  const [name, id] = location.hash.slice(1).split("/");
  try {
    switch (name) {
      case "agents": showView("agents"); await agents.show(); break;
      case "calls": showView("calls"); await calls.show(); break;
      case "call": showView("call"); await calls.showCall(id); break;
      default: showView("talk"); await talk.show();
    }
  } catch (error) {
    if (error instanceof APIError && error.status === 401) return signOut("Your key is no longer accepted. Sign in again.");
    alert(error.message);
  }
}

function showSignIn(message) {
  document.getElementById("nav").hidden = true;
  document.getElementById("who").hidden = true;
  showView("sign-in");
  const error = document.getElementById("sign-in-error");
  error.textContent = message ?? "";
  error.hidden = !message;
  document.getElementById("api-key").focus();
}

function signOut(message) {
  talk.call?.hangUp();
  session.signOut();
  showSignIn(message);
}

async function signedIn() {
  const organization = await api("/organization");
  document.getElementById("org-name").textContent = organization.name;
  document.getElementById("nav").hidden = false;
  document.getElementById("who").hidden = false;
}

document.getElementById("sign-in-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = document.getElementById("api-key");
  const key = input.value.trim();
  if (!key) return showSignIn("Enter an API key.");
  session.signIn(key);
  try {
    await signedIn();
  } catch (error) {
    session.signOut();
    showSignIn(error.status === 401 ? "That key was not accepted." : error.message);
    return input.select();
  }
  input.value = "";
  await route();
});
document.getElementById("sign-out").addEventListener("click", () => signOut());
window.addEventListener("hashchange", route);

if (session.key) {
  signedIn().then(route, (error) => signOut(error.status === 401 ? "Your key is no longer accepted. Sign in again." : error.message));
} else {
  showSignIn();
}
