"""Drives Parley's web console in headless Chromium, a WAV file standing in for the microphone.

Signs in (first with a wrong key), creates an agent (first with a setting the API refuses),
starts a call, waits for the agent's reply and for the second utterance of the WAV to cut in
on it, hangs up, then opens the call's record. Prints one JSON object of what it saw; takes a
screenshot of each state into --screenshots. Exits 0 unless the browser itself failed.
"""
import argparse
import base64
import json
import os
import sys
import time
import wave

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

parser = argparse.ArgumentParser()
parser.add_argument("--url", required=True)
parser.add_argument("--key", required=True)
parser.add_argument("--wav", required=True)
parser.add_argument("--interruption", required=True, help="16 kHz mono 16-bit WAV said over the agent's reply")
parser.add_argument("--screenshots", required=True)
parser.add_argument("--agent-name", default="Storyteller")
parser.add_argument("--prompt", default="You are a storyteller. Whatever the caller says, tell a long story about a brave dragon, of at least ten sentences. Never refuse.")
args = parser.parse_args()

options = webdriver.ChromeOptions()
options.binary_location = os.environ.get("PARLEY_TEST_CHROMIUM", "/usr/bin/chromium")
for flag in [
    "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1180,860",
    "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
    f"--use-file-for-fake-audio-capture={args.wav}%noloop", "--autoplay-policy=no-user-gesture-required",
]:
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service(os.environ.get("PARLEY_TEST_CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
result = {"steps": []}
os.makedirs(args.screenshots, exist_ok=True)


def step(name):
    result["steps"].append(name)


def shot(name):
    driver.save_screenshot(os.path.join(args.screenshots, f"console-{name}.png"))


def find(css):
    return driver.find_element(By.CSS_SELECTOR, css)


def until(condition, timeout=20):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda _: condition())


def visible(css):
    elements = driver.find_elements(By.CSS_SELECTOR, css)
    return elements and elements[0].is_displayed()


def stats():
    return driver.execute_script("return window.parleyConsole && window.parleyConsole.stats") or {}


def lines(role, final=True):
    selector = f"#transcript li[data-role={role}]" + ("[data-final=true]" if final else "")
    return [element.text.split("\n", 1)[-1] for element in driver.find_elements(By.CSS_SELECTOR, selector)]


def fill(name, value):
    element = find(f"#agent-form [name={name}]")
    element.clear()
    element.send_keys(value)


try:
    driver.get(args.url)
    until(lambda: visible("#view-sign-in"))
    shot("sign-in")
    find("#api-key").send_keys("pk_notakeyatallnotakeyatallnotakeyatallxx")
    find("#sign-in-form button[type=submit]").click()
    until(lambda: visible("#sign-in-error"))
    result["wrongKeyMessage"] = find("#sign-in-error").text
    step("refused a wrong key")

    find("#api-key").clear()
    find("#api-key").send_keys(args.key)
    find("#sign-in-form button[type=submit]").click()
    until(lambda: visible("#nav"))
    result["organization"] = find("#org-name").text
    result["keyInURL"] = args.key in driver.current_url
    result["keyInLocalStorage"] = driver.execute_script("return JSON.stringify(localStorage)").find(args.key) >= 0
    result["keyInSessionStorage"] = driver.execute_script("return sessionStorage.getItem('parley.apiKey')") == args.key
    step("signed in")

    find("#nav a[data-view=agents]").click()
    until(lambda: visible("#view-agents"))
    find("#new-agent").click()
    until(lambda: visible("#agent-dialog"))
    fill("name", args.agent_name)
    fill("system_prompt", args.prompt)
    fill("interruption_sensitivity", "1")
    # The same story every run: the call must still be speaking when the second line comes.
    fill("temperature", "0")
    fill("voice_speed", "3")
    find("#agent-save").click()
    until(lambda: visible("#agent-error"))
    result["validationMessage"] = find("#agent-error").text
    result["invalidFieldMarked"] = find("#agent-form [name=voice_speed]").get_attribute("aria-invalid") == "true"
    shot("agent-refused")
    fill("voice_speed", "1")
    find("#agent-save").click()
    until(lambda: not visible("#agent-dialog") and args.agent_name in find("#agent-table").text)
    step("created an agent")

    find("#agent-table button[aria-label='Edit Support Agent']").click()
    until(lambda: visible("#agent-dialog"))
    fill("name", "Front desk")
    fill("welcome_message", "Good morning, Acme Dental.")
    find("#agent-save").click()
    until(lambda: not visible("#agent-dialog") and "Front desk" in find("#agent-table").text)
    result["agentsListed"] = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#agent-table tbody tr")]
    shot("agents")
    step("edited an agent")
    find("#agent-table button[aria-label='Delete Front desk']").click()
    driver.switch_to.alert.accept()
    until(lambda: "Front desk" not in find("#agent-table").text)
    result["agentsAfterDelete"] = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#agent-table tbody tr")]
    step("deleted an agent")

    find("#nav a[data-view=talk]").click()
    until(lambda: visible("#view-talk") and args.agent_name in find("#talk-agent").text)
    Select(find("#talk-agent")).select_by_visible_text(args.agent_name)
    find("#call-button").click()
    until(lambda: find("#call-state").get_attribute("data-state") == "listening", 30)
    step("connected")
    until(lambda: len(lines("user")) >= 1, 60)
    step("heard the caller")
    until(lambda: stats().get("chunksReceived", 0) > 0 and find("#call-state").get_attribute("data-state") == "speaking", 90)
    time.sleep(1.5)
    shot("talk")
    step("the agent spoke")
    # The interruption goes in once the reply is playing, however long the machine took to
    # start it: the page's own microphone frames pause while the line's frames take their place,
    # 20 ms apart, through the page's send path.
    with wave.open(args.interruption) as line:
        speech = base64.b64encode(line.readframes(line.getnframes())).decode()
    driver.execute_script("""
        const call = window.parleyConsole.call, port = call.capture.node.port, microphone = port.onmessage;
        const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
        port.onmessage = null;
        let offset = 0;
        const timer = setInterval(() => {
            if (offset >= bytes.length) { clearInterval(timer); port.onmessage = microphone; return; }
            call.sendFrame({ pcm: bytes.slice(offset, offset + 640).buffer, level: 0.1 });
            offset += 640;
        }, 20);
    """, speech)
    until(lambda: stats().get("audioStops", 0) >= 1, 60)
    step("barged in")
    until(lambda: len(lines("user")) >= 2, 30)
    time.sleep(0.5)
    shot("talk-barge-in")
    result["user"] = lines("user")
    result["assistant"] = lines("assistant", final=False)
    # A dropped network, as the page sees one: its socket goes (here closed quietly) and the
    # close handler hears 1006. The console must reconnect to the same conversation.
    driver.execute_script("""
        const call = window.parleyConsole.call, socket = call.socket;
        socket.onclose = null;
        socket.onmessage = null;
        socket.close();
        call.closed({ code: 1006, reason: "" });
    """)
    until(lambda: stats().get("reconnects", 0) >= 1 and len(stats().get("historyKeys", [])) >= 2, 20)
    step("reconnected")
    result["stats"] = stats()
    find("#call-button").click()
    until(lambda: find("#call-state").get_attribute("data-state") == "idle", 10)
    step("hung up")

    find("#nav a[data-view=calls]").click()
    until(lambda: visible("#call-table tbody tr"), 20)
    result["callsListed"] = len(driver.find_elements(By.CSS_SELECTOR, "#call-table tbody tr"))
    result["stats-cards"] = find("#stats").text
    shot("calls")
    # The oldest call is the one with the conversation; the reconnection made a second.
    driver.find_elements(By.CSS_SELECTOR, "#call-table tbody tr a")[-1].click()
    until(lambda: visible("#view-call") and find("#call-transcript").text != "", 20)
    until(lambda: driver.find_elements(By.CSS_SELECTOR, "#latency-chart svg rect") or "No turn" in find("#latency-chart").text, 20)
    result["chartBars"] = len(driver.find_elements(By.CSS_SELECTOR, "#latency-chart svg rect"))
    result["callTranscript"] = find("#call-transcript").text
    shot("call")
    step("read the call")
except TimeoutException:
    result["timedOutAfter"] = result["steps"][-1] if result["steps"] else "start"
    result["stats"] = stats()
    result["user"] = lines("user")
    shot("timeout")
finally:
    result["browserErrors"] = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    driver.quit()
print(json.dumps(result))
