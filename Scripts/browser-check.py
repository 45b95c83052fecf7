#!/usr/bin/env python3
"""Opens report.html files in headless Chromium (Debian `chromium`) as a planner would, and checks them.

    Scripts/browser-check.py REPORT.html [REPORT.html ...] [--shots DIR] [--json]

For each report, at 1280 px and at 390 px (a phone):
  - no console error, no uncaught exception, no request leaving the file (only file: and data:
    URLs; Chromium also runs with every host name unresolvable);
  - choosing another item in the map's list changes the drawn gaps and the dots' colours;
  - hovering an origin shows its card with its name;
  - tapping a gap shows its card; the zoom buttons change the view;
  - at 390 px nothing sticks out of the page sideways except inside a table's scroll box;
  - time to first contentful paint (from the browser's Paint Timing), the file's size.
Screenshots (first screen and full page) go to --shots when given. Prints one JSON object per
report with --json, a readable summary otherwise; exits 1 when a check fails, 2 when Chromium
cannot run. Uses Chromium's DevTools protocol over a pipe (--remote-debugging-pipe): no network
port, no Python package beyond the standard library.
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self):
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            raise RuntimeError("chromium is not installed (Scripts/install-deps.sh installs it)")
        self.profile = tempfile.mkdtemp(prefix="circle-chromium-")
        r_ours, w_theirs = os.pipe()   # Chromium writes to fd 4, we read
        r_theirs, w_ours = os.pipe()   # we write, Chromium reads fd 3
        args = [exe, "--headless=new", "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
                "--disable-gpu", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--mute-audio", "--hide-scrollbars",
                "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={self.profile}", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")

        def child():
            os.dup2(r_theirs, 3)
            os.dup2(w_theirs, 4)

        self.proc = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=child, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(r_theirs)
        os.close(w_theirs)
        self.rd = os.fdopen(r_ours, "rb", buffering=0)
        self.wr = os.fdopen(w_ours, "wb", buffering=0)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.wr.write(json.dumps(msg).encode() + b"\0")
        want = self.next_id
        while True:
            m = self.read()
            if m.get("id") == want:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def read(self):
        while b"\0" not in self.buf:
            chunk = self.rd.read(1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def wait_event(self, method, session, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for k, e in enumerate(self.events):
                if e.get("method") == method and e.get("sessionId") == session:
                    del self.events[k]
                    return e
            self.events.append(self.read())
        raise RuntimeError(f"timed out waiting for {method}")

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def evaluate(b, s, expr):
    r = b.send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True}, s)
    if "exceptionDetails" in r:
        raise RuntimeError(f"evaluating {expr[:60]}…: {r['exceptionDetails']}")
    return r["result"].get("value")


# Finds page elements that stick out of the viewport sideways, except inside a scroll box.
OVERFLOW_JS = """(() => {
  const w = document.documentElement.clientWidth, out = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('.tablebox') || e.closest('svg') && e.tagName !== 'svg') continue;
    const r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 1 || r.left < -1)) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
        (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '') + ' ' + Math.round(r.right));
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: w, out: out.slice(0, 10)};
})()"""

# Which gap layer is drawn, and a digest of the dots' classes.
STATE_JS = """(() => {
  const gaps = [...document.querySelectorAll('#map-svg g.gap')].filter(g => getComputedStyle(g).display !== 'none');
  const dots = [...document.querySelectorAll('#map-svg g.origins circle')];
  let h = 0; for (const d of dots) { h = (h * 31 + (d.getAttribute('class') || d.getAttribute('fill') || '').charCodeAt(1 + (d.getAttribute('class') ? 0 : 1))) >>> 0; }
  return {gaps: gaps.map(g => g.getAttribute('data-item')), dots: h, viewBox: document.getElementById('map-svg') ?
          document.getElementById('map-svg').getAttribute('viewBox') : null};
})()"""


def check(b, path, shots, width, mobile):
    res = {"width": width, "problems": []}
    t = b.send("Target.createTarget", {"url": "about:blank"})
    s = b.send("Target.attachToTarget", {"targetId": t["targetId"], "flatten": True})["sessionId"]
    for domain in ["Page", "Runtime", "Network", "Log"]:
        b.send(domain + ".enable", {}, s)
    b.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900 if not mobile else 844,
                                                  "deviceScaleFactor": 1, "mobile": mobile}, s)
    if mobile:
        b.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5}, s)
    url = "file://" + os.path.abspath(path)
    started = time.time()
    b.send("Page.navigate", {"url": url}, s)
    b.wait_event("Page.loadEventFired", s, timeout=120)
    res["loadSeconds"] = round(time.time() - started, 3)
    res["firstContentfulPaintMs"] = evaluate(b, s, """new Promise(done => {
        const seen = () => performance.getEntriesByName('first-contentful-paint')[0];
        if (seen()) return done(Math.round(seen().startTime));
        new PerformanceObserver(() => { if (seen()) done(Math.round(seen().startTime)); }).observe({type: 'paint', buffered: true});
        setTimeout(() => done(seen() ? Math.round(seen().startTime) : null), 10000); })""")
    res["domContentLoadedMs"] = evaluate(b, s, "Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd)")

    has_map = evaluate(b, s, "!!document.getElementById('map-data')")
    if has_map:
        before = evaluate(b, s, STATE_JS)
        options = evaluate(b, s, """[...document.querySelectorAll('#gap-item option')].filter(o => !o.selected &&
            document.querySelector('#map-svg g.gap[data-item="' + o.value + '"]')).map(o => o.value)""")
        if not options:
            res["problems"].append("no second item with gaps to choose")
        else:
            res["layerChangeMs"] = evaluate(b, s, f"""new Promise(done => {{ const s = document.getElementById('gap-item');
                const t0 = performance.now(); s.value = {json.dumps(options[0])}; s.dispatchEvent(new Event('change'));
                requestAnimationFrame(() => requestAnimationFrame(() => done(Math.round(performance.now() - t0)))); }})""")
            after = evaluate(b, s, STATE_JS)
            res["layerChange"] = {"before": before["gaps"], "after": after["gaps"]}
            if after["gaps"] != [options[0]] or before["gaps"] == after["gaps"]:
                res["problems"].append(f"choosing {options[0]} drew gaps {after['gaps']} (before {before['gaps']})")
            if evaluate(b, s, "JSON.parse(document.getElementById('map-data').textContent).hasMinutes") and after["dots"] == before["dots"]:
                res["problems"].append("choosing another item did not recolour the origins")
        # Hover the first origin dot that is visible.
        spot = evaluate(b, s, """(() => { document.getElementById('map').scrollIntoView();
            // A dot on screen with no other within 16 px, so that a finger's tap is not ambiguous
            // (neighbours found through a grid of 16 px buckets).
            const all = [...document.querySelectorAll('#map-svg g.origins circle')].map(c => {
              const r = c.getBoundingClientRect(); return {c: c, x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width}; });
            const grid = new Map(), key = (i, j) => i + ',' + j;
            for (const p of all) { const k = key(Math.floor(p.x / 16), Math.floor(p.y / 16)); (grid.get(k) || grid.set(k, []).get(k)).push(p); }
            const alone = p => { const i = Math.floor(p.x / 16), j = Math.floor(p.y / 16);
              for (let a = i - 1; a <= i + 1; a++) for (let b = j - 1; b <= j + 1; b++)
                for (const q of grid.get(key(a, b)) || []) if (q !== p && Math.hypot(q.x - p.x, q.y - p.y) <= 16) return false;
              return true; };
            const on = all.filter(p => p.w > 0 && p.y > 40 && p.y < innerHeight - 40 && p.x > 60 && p.x < innerWidth - 60);
            const lone = on.find(p => alone(p) && document.elementFromPoint(p.x, p.y) === p.c) ||
                         on.find(p => document.elementFromPoint(p.x, p.y) === p.c);
            const c = lone ? lone.c : null, isAlone = lone ? alone(lone) : false;
            if (!c) return null; const r = c.getBoundingClientRect();
            const i = [...c.parentNode.children].indexOf(c);
            return {x: r.left + r.width / 2, y: r.top + r.height / 2, i: i, alone: isAlone}; })()""")
        if spot is None:
            res["problems"].append("no origin dot on screen to hover")
        else:
            if mobile:
                b.send("Input.synthesizeTapGesture", {"x": spot["x"], "y": spot["y"], "gestureSourceType": "touch"}, s)
            else:
                b.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": spot["x"], "y": spot["y"]}, s)
            cardText = None
            for _ in range(30):   # a large page may take a moment to handle the event
                time.sleep(0.1)
                cardText = evaluate(b, s, """(() => { const c = document.getElementById('map-card');
                    return c && !c.hidden ? c.textContent : null; })()""")
                if cardText:
                    break
            name = evaluate(b, s, f"""(() => {{ const d = JSON.parse(document.getElementById('map-data').textContent);
                return d.names[{spot['i']}] || d.ids[{spot['i']}]; }})()""")
            res["originCard"] = cardText[:160] if cardText else None
            # Where every dot has neighbours within a finger's width (50,000 origins on a phone), the
            # browser may give the tap to a neighbour: then any origin's card will do.
            if not cardText or (name not in cardText and (spot["alone"] or not mobile)):
                res["problems"].append(f"{'tapping' if mobile else 'hovering'} origin {name!r} showed no card with its name: {cardText!r:.80}")
            if shots:
                png = b.send("Page.captureScreenshot", {"format": "png"}, s)["data"]
                p = os.path.join(shots, f"{stem(path)}-{width}-card.png")
                open(p, "wb").write(base64.b64decode(png))
                res.setdefault("screenshots", []).append(p)
        # Tap the visible gap: its card names the item and its area (after the click a tap may bring).
        if mobile:
            time.sleep(0.9)
        gap = evaluate(b, s, """(() => { const g = [...document.querySelectorAll('#map-svg g.gap')].find(g => getComputedStyle(g).display !== 'none');
            if (!g) return null; g.querySelector('path').dispatchEvent(new MouseEvent('click', {bubbles: true}));
            const c = document.getElementById('map-card'); return c.hidden ? '' : c.textContent; })()""")
        if gap is not None and ("km²" not in gap):
            res["problems"].append(f"tapping a gap showed {gap!r}")
        res["zoomFrameMs"] = evaluate(b, s, """new Promise(done => { const t0 = performance.now();
            document.getElementById('zoom-in').click();
            requestAnimationFrame(() => requestAnimationFrame(() => { const t = Math.round(performance.now() - t0);
              document.getElementById('zoom-reset').click(); done(t); })); })""")
        # (A large map moves as a picture first and is redrawn once the view rests: wait for that.)
        zoomed = evaluate(b, s, """new Promise(done => { const svg = document.getElementById('map-svg');
            const until = (test, then, t0 = performance.now()) => test() || performance.now() - t0 > 10000 ? then()
                : setTimeout(() => until(test, then, t0), 50);
            const box = () => svg.getAttribute('viewBox');
            until(() => box().startsWith('0 0 '), () => { const v = [box()];
              document.getElementById('zoom-in').click();
              until(() => box() !== v[0], () => { v.push(box()); document.getElementById('zoom-reset').click();
                until(() => box() === v[0], () => { v.push(box()); done(v); }); }); }); })""")
        if zoomed[0] == zoomed[1] or zoomed[0] != zoomed[2]:
            res["problems"].append(f"zoom buttons: viewBox {zoomed}")
        evaluate(b, s, "document.getElementById('map-card').hidden = true; window.scrollTo(0, 0)")

    over = evaluate(b, s, OVERFLOW_JS)
    res["scrollWidth"] = over["scrollWidth"]
    if over["scrollWidth"] > over["width"] + 1 or over["out"]:
        res["problems"].append(f"horizontal overflow at {width} px: page {over['scrollWidth']} px wide; {over['out']}")

    if shots:
        png = b.send("Page.captureScreenshot", {"format": "png"}, s)["data"]
        p = os.path.join(shots, f"{stem(path)}-{width}.png")
        open(p, "wb").write(base64.b64decode(png))
        res.setdefault("screenshots", []).append(p)
        png = b.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, s)["data"]
        p = os.path.join(shots, f"{stem(path)}-{width}-full.png")
        open(p, "wb").write(base64.b64decode(png))
        res["screenshots"].append(p)

    # Everything the page asked for, said or threw.
    for e in b.events:
        if e.get("sessionId") != s:
            continue
        m, p = e.get("method"), e.get("params", {})
        if m == "Network.requestWillBeSent":
            u = p["request"]["url"]
            if not (u.startswith("file://") or u.startswith("data:") or u == "about:blank"):
                res["problems"].append(f"request leaves the file: {u}")
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
            res["problems"].append("console " + p["type"] + ": " + " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif m == "Runtime.exceptionThrown":
            d = p["exceptionDetails"]
            res["problems"].append("exception: " + (d.get("exception", {}).get("description") or d.get("text", "")))
        elif m == "Log.entryAdded" and p["entry"].get("level") == "error":
            res["problems"].append("log error: " + p["entry"].get("text", ""))
    b.events = [e for e in b.events if e.get("sessionId") != s]
    b.send("Target.closeTarget", {"targetId": t["targetId"]})
    return res


def stem(path):
    parent = os.path.basename(os.path.dirname(os.path.abspath(path)))
    return (parent + "-" if parent else "") + os.path.splitext(os.path.basename(path))[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reports", nargs="+")
    ap.add_argument("--shots", help="folder for screenshots")
    ap.add_argument("--json", action="store_true", help="one JSON object per report")
    ap.add_argument("--widths", default="1280,390")
    a = ap.parse_args()
    if a.shots:
        os.makedirs(a.shots, exist_ok=True)
    try:
        b = Browser()
        b.send("Browser.getVersion")
    except Exception as e:
        print(f"browser-check: {e}", file=sys.stderr)
        return 2
    failed = False
    try:
        for path in a.reports:
            out = {"report": path, "bytes": os.path.getsize(path), "views": []}
            for w in [int(x) for x in a.widths.split(",")]:
                out["views"].append(check(b, path, a.shots, w, mobile=w < 600))
            failed |= any(v["problems"] for v in out["views"])
            if a.json:
                print(json.dumps(out, ensure_ascii=False))
            else:
                for v in out["views"]:
                    status = "ok" if not v["problems"] else "FAIL"
                    print(f"{status} {path} at {v['width']} px: {out['bytes']} bytes, first paint {v['firstContentfulPaintMs']} ms, "
                          f"DOM ready {v['domContentLoadedMs']} ms, load {v['loadSeconds']} s, item change {v.get('layerChangeMs')} ms, "
                          f"zoom frame {v.get('zoomFrameMs')} ms")
                    for p in v["problems"]:
                        print("   " + p)
    finally:
        b.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
