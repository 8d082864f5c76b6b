"""Checks for tests/e2e/run-report.sh: the report's DOM (as Chromium built it) shows every node of the run with its
phase, the file references nothing on the network, Chromium's network logs hold no request, and the screenshot is a
PNG. Usage: run_report_check.py RUN.json REPORT.html DOM.html SHOT.png NETLOG.json..."""
import html
import json
import re
import sys


def fail(message):
    print("run-report: FAILED: " + message, file=sys.stderr)
    sys.exit(1)


def page_requests(netlog):
    """The http(s) URLs a page asked for, from a Chromium NetLog (--log-net-log). Chromium's own background requests
    (update checks, account lookups) have the initiator 'not an origin'; a page's requests carry the page's origin
    ('null' for a file:// page) and a network isolation key of that origin."""
    text = open(netlog, encoding="utf-8", errors="replace").read().rstrip()
    try:
        log = json.loads(text)
    except ValueError:
        # Chromium ended before closing the log: close the events array and the object.
        log = json.loads(text.rstrip(",") + "]}")
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log.get("events", []):
        params = event.get("params") or {}
        url = params.get("url", "")
        if names.get(event.get("type")) == "URL_REQUEST_START_JOB" and re.match(r"https?://", url) \
                and params.get("initiator") != "not an origin":
            urls.append(url)
    return sorted(set(urls))


def main():
    if sys.argv[1] == "--page-requests":
        # The control: print what the check finds in one NetLog.
        print("\n".join(page_requests(sys.argv[2])))
        return
    run_json, report_html, dom_html, shot, *netlogs = sys.argv[1:]
    run = json.load(open(run_json, encoding="utf-8"))
    report = open(report_html, encoding="utf-8").read()
    dom = open(dom_html, encoding="utf-8").read()

    if "Content-Security-Policy" not in report or "default-src 'none'" not in report:
        fail("the report has no Content-Security-Policy of default-src 'none'")
    urls = re.findall(r"https?://[^\s\"'<>]*", report)
    if urls:
        fail("the report names network URLs: " + ", ".join(sorted(set(urls))[:5]))
    for attribute in ("src=", "<link", "<script", "@import", "url(http"):
        if attribute in report:
            fail("the report loads something: " + attribute)

    # Every element that carries data-node/data-phase, as Chromium parsed it.
    shown = {}
    for match in re.finditer(r"<(\w+)[^>]*?\sdata-node=\"([^\"]*)\"[^>]*?\sdata-phase=\"([^\"]*)\"", dom):
        tag, name, phase = match.group(1), html.unescape(match.group(2)), match.group(3)
        shown.setdefault(name, []).append((tag, phase))
    nodes = run["nodes"]
    if len(nodes) < 10:
        fail(f"the run has only {len(nodes)} nodes; the workflow should make more")
    for node in nodes:
        places = shown.get(node["name"], [])
        tags = {tag for tag, phase in places if phase == node["phase"]}
        if "tr" not in tags or "g" not in tags:
            fail(f"node {node['name']} ({node['phase']}) is not shown with its phase in the graph and the table: {places}")
    final = re.search(r"id=\"final-phase\"[^>]*data-phase=\"([^\"]*)\"", dom)
    if not final or final.group(1) != run["phase"]:
        fail(f"the final phase {run['phase']} is not shown")
    types = {n["type"] for n in nodes}
    phases = {n["phase"] for n in nodes}
    for needed in ("Retry", "TaskGroup", "DAG"):
        if needed not in types:
            fail(f"the run has no {needed} node; the workflow should make one")
    if "Failed" not in phases:
        fail("the run has no Failed node; the workflow should continue on one")

    with open(shot, "rb") as f:
        head = f.read(8)
    if head != b"\x89PNG\r\n\x1a\n":
        fail("the screenshot is not a PNG")

    for log in netlogs:
        found = page_requests(log)
        if found:
            fail("the page made network requests: " + ", ".join(found[:5]))
    print(f"run-report: {len(nodes)} nodes shown with their phases; final phase {run['phase']}; "
          f"no network URL in the file and no http(s) request in Chromium's network logs")


main()
