"""Browser capture against real loopback servers and real Chromium: the page a reader saw,
every request through the safe fetcher, nothing else reaching the network, budgets kept."""

from __future__ import annotations

import dataclasses
import io
import time
from pathlib import Path

import pytest

from sources.archiving.browser import BrowserBudget, capture_page, shutdown_browser
from sources.archiving.text import extract_text
from sources.fetching import fetch
from tests.conftest import CHROMIUM, require
from tests.servers import ConnectionRecorder, PageServer, policy_for

pytestmark = pytest.mark.browser

#: the colour the JavaScript-built page paints its banner in
BANNER = (17, 170, 68)
ARTICLE = (
    "The harbour council voted seven to two on Tuesday to approve a budget of 41 million "
    "euros for the new ferry terminal, the mayor's office said in a statement. Work on the "
    "terminal begins in March and is expected to take three years, according to the plan."
)
JS_PAGE = """<!doctype html><html><head><title>Loading</title></head>
<body><div id="root">Loading…</div><script src="/app.js"></script></body></html>"""
JS_APP = (
    'document.title = "Ferry terminal approved";\n'
    'var root = document.getElementById("root");\n'
    "root.innerHTML = '<div style=\"height:300px;background:rgb({},{},{})\"></div>'\n"
    '  + "<article><h1>Ferry terminal approved</h1><p>{}</p><p>{}</p></article>";\n'
).format(*BANNER, ARTICLE, ARTICLE.upper())


@pytest.fixture(scope="module", autouse=True)
def _chromium():
    require(Path(CHROMIUM).exists(), "Chromium is not installed")
    yield
    shutdown_browser()


@pytest.fixture
def site():
    with PageServer() as server:
        yield server


def test_a_javascript_built_article_is_captured_with_its_text_and_a_screenshot_showing_it(site):
    from PIL import Image

    url = site.add("/story", JS_PAGE)
    site.add("/app.js", JS_APP, content_type="application/javascript")
    policy = policy_for(f"127.0.0.1:{site.port}")

    raw = fetch(url, policy=policy)
    assert "ferry terminal" not in extract_text(raw.body, raw.content_type, None, url).text

    capture = capture_page(url, policy=policy)

    assert "41 million euros for the new ferry terminal" in capture.text
    assert capture.title == "Ferry terminal approved"
    assert capture.partial_reason == ""
    assert capture.requests_dict() == {"made": 2, "blocked": 0, "failed": 0}
    shot = capture.screenshot
    assert shot is not None
    image = Image.open(io.BytesIO(shot.png)).convert("RGB")
    assert image.size == (shot.width, shot.height) == (1280, 800)
    assert image.getpixel((640, 150)) == BANNER  # the banner the script painted
    assert image.getpixel((640, 700)) != BANNER
    # the WARC holds the document and the script, then the capture's own records
    records = _warc_records(capture.warc)
    assert [(kind, uri) for kind, uri, _ in records if kind == "response"] == [
        ("response", url),
        ("response", site.url("/app.js")),
    ]
    meta = next(body for kind, uri, body in records if uri.startswith("urn:browser-capture:"))
    assert f"browser: Chromium {capture.browser_version}".encode() in meta
    assert b"software: WorkbenchBrowserCapture" in meta
    shot_record = next(body for kind, uri, body in records if uri.startswith("urn:screenshot:"))
    assert shot_record == shot.png


def test_nothing_the_page_points_at_outside_the_policy_is_ever_connected_to(site, fake_dns):
    fake_dns["metadata.example.org"] = "169.254.169.254"
    with ConnectionRecorder() as other, ConnectionRecorder() as loopback:
        # `other` is a loopback server whose port the policy does not allow; `loopback`'s port
        # is allowed, but 127.0.0.1 is not a public address
        o, lb = f"127.0.0.1:{other.port}", f"127.0.0.1:{loopback.port}"
        page = f"""<!doctype html><html><head><title>Hostile</title>
<link rel="preconnect" href="http://{o}"><link rel="preconnect" href="http://{lb}">
<link rel="dns-prefetch" href="http://{o}"><link rel="stylesheet" href="http://{lb}/s.css">
<script src="http://{o}/s.js"></script><script src="/ok.js"></script></head>
<body><p id="out">Allowed resources load; nothing else is reached.</p>
<img src="http://localhost:{loopback.port}/i.png"><img src="http://{lb}/i.png">
<img src="http://metadata.example.org/latest/meta-data/"><img src="http://10.0.0.1/x.png">
<img id="ok" src="/ok.png">
<iframe src="http://{o}/frame"></iframe><iframe src="http://{lb}/frame"></iframe>
<script>
fetch("http://{o}/f").catch(function () {{}});
fetch("http://{lb}/f", {{method: "POST", body: "x"}}).catch(function () {{}});
fetch("/ok.json").then(r => r.json()).then(d => {{
  document.getElementById("out").textContent += " Fetched: " + d.word + ".";
}});
try {{ new WebSocket("ws://{o}/ws"); }} catch (e) {{}}
try {{ new WebSocket("ws://{lb}/ws"); }} catch (e) {{}}
navigator.sendBeacon && navigator.sendBeacon("http://{o}/beacon", "x");
</script></body></html>"""
        url = site.add("/hostile", page)
        site.add("/ok.js", "window.okLoaded = 1;", content_type="application/javascript")
        site.add("/ok.json", '{"word": "granite"}', content_type="application/json")
        site.add("/ok.png", _tiny_png(), content_type="image/png")
        policy = dataclasses.replace(
            policy_for(f"127.0.0.1:{site.port}"),
            allowed_ports=frozenset({80, 443, loopback.port}),
        )

        capture = capture_page(url, policy=policy)
        time.sleep(1.0)  # anything late (a preconnect, a retry) would still be counted

        assert other.accepted == []
        assert loopback.accepted == []
    # the allowed subresources were fetched and used
    assert site.hits.get("/ok.js") == 1
    assert site.hits.get("/ok.png") == 1
    assert "Fetched: granite." in capture.html
    reasons = {reason for _url, reason in capture.blocked}
    assert {"port_not_allowed", "internal_host", "address_not_allowed"} <= reasons
    assert {"method_not_allowed", "websocket"} <= reasons
    blocked_urls = " ".join(u for u, _ in capture.blocked)
    assert "metadata.example.org" in blocked_urls and "10.0.0.1" in blocked_urls
    assert capture.requests_blocked >= 12


def test_a_page_that_keeps_requesting_is_cut_at_its_request_budget(site):
    url = site.add(
        "/chatty",
        "<html><body><p>Polling.</p><script>var n = 0; setInterval(function () {"
        " fetch('/poll?' + (n++)).catch(function () {}); }, 10);</script></body></html>",
    )
    site.add("/poll", "{}", content_type="application/json")
    budget = BrowserBudget(seconds=20, max_requests=15)
    started = time.monotonic()
    capture = capture_page(url, policy=policy_for(f"127.0.0.1:{site.port}"), budget=budget)
    assert capture.partial_reason == "request_budget"
    polled = sum(hits for path, hits in site.hits.items() if path.startswith("/poll"))
    assert polled == 14  # the budget counts the page itself
    assert "request_budget" in {reason for _url, reason in capture.blocked}
    assert time.monotonic() - started < 20
    assert capture.screenshot is not None  # kept as far as it got


def test_a_page_that_hangs_is_cut_at_its_time_budget(site):
    url = site.add(
        "/hangs",
        "<html><body><p>Waiting for a slow script.</p>"
        '<script src="/slow.js"></script></body></html>',
    )
    site.add("/slow.js", "1;", content_type="application/javascript", delay=30)
    budget = BrowserBudget(seconds=3)
    started = time.monotonic()
    capture = capture_page(url, policy=policy_for(f"127.0.0.1:{site.port}"), budget=budget)
    elapsed = time.monotonic() - started
    assert capture.partial_reason == "time_budget"
    assert elapsed < 3 + 5, elapsed  # the budget plus title, DOM and screenshot
    # the script's fetch ran out of time with the capture: either cut by the fetcher's own
    # deadline (failed) or still in flight when the capture ended (aborted, "unfinished")
    unfinished = [url for url, reason in capture.blocked if reason == "unfinished"]
    assert capture.requests_failed + len(unfinished) == 1
    assert "Waiting for a slow script." in capture.html


def _warc_records(warc: bytes) -> list[tuple[str, str, bytes]]:
    from warcio.archiveiterator import ArchiveIterator

    return [
        (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
        for r in ArchiveIterator(io.BytesIO(warc))
    ]


def _tiny_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (1, 2, 3)).save(out, format="PNG")
    return out.getvalue()


def test_fetch_url_in_browser_mode_prints_the_screenshot_requests_and_text(site, settings):
    from tests.sources.test_fetch_url_command import run

    url = site.add("/story", JS_PAGE)
    site.add("/app.js", JS_APP, content_type="application/javascript")
    site.add("/blocked", '<img src="http://10.0.0.1/x.png"><p>Nothing here.</p>')
    settings.FETCH_ALLOWED_HOSTPORTS = [f"127.0.0.1:{site.port}"]

    code, report = run(url, "--mode", "browser")
    assert code == 0
    assert report["verdict"] == "fetched"
    assert report["final_url"] == url and report["status"] == 200
    assert report["requests"] == {"made": 2, "blocked": 0, "failed": 0}
    assert report["text_chars"] > len(ARTICLE)
    assert report["partial"] is None
    shot = report["screenshot"]
    assert (shot["width"], shot["height"]) == (1280, 800)
    assert shot["bytes"] > 1000 and len(shot["sha256"]) == 64

    code, report = run(site.url("/blocked"), "--mode", "browser")
    assert code == 0
    assert report["requests"] == {"made": 2, "blocked": 1, "failed": 0}

    code, report = run(url)  # the raw mode prints what it always did
    assert code == 0
    assert "screenshot" not in report and "requests" not in report

    code, report = run(url, "--check", "--mode", "browser")
    assert code == 0 and report["verdict"] == "allowed" and "screenshot" not in report


def test_a_tall_page_is_shot_in_slices_stitched_whole_and_cut_at_the_height_cap(site):
    from PIL import Image

    bands = [(200, 30, 30), (30, 200, 30), (30, 30, 200)]
    url = site.add(
        "/tall",
        "<html><body style='margin:0'>"
        + "".join(f"<div style='height:2200px;background:rgb{c}'></div>" for c in bands)
        + "</body></html>",
    )
    policy = policy_for(f"127.0.0.1:{site.port}")

    shot = capture_page(url, policy=policy).screenshot
    assert shot is not None and (shot.width, shot.height) == (1280, 6600)
    image = Image.open(io.BytesIO(shot.png)).convert("RGB")
    for index, colour in enumerate(bands):
        for y in (index * 2200 + 5, index * 2200 + 1100, index * 2200 + 2194):
            assert image.getpixel((640, y)) == colour, (y, image.getpixel((640, y)))

    capped = capture_page(url, policy=policy, budget=BrowserBudget(max_screenshot_height=3000))
    assert capped.screenshot is not None and capped.screenshot.height == 3000


def test_a_script_that_never_yields_fails_the_capture_and_the_next_one_works(site, monkeypatch):
    from sources.archiving.browser import BrowserFailed
    from sources.archiving.browser import capture as capture_module

    monkeypatch.setattr(capture_module, "STUCK_GRACE", 4.0)
    url = site.add("/spins", "<html><body><p>Spinning.</p><script>while (true) {}</script>")
    policy = policy_for(f"127.0.0.1:{site.port}")
    started = time.monotonic()
    with pytest.raises(BrowserFailed) as failed:
        capture_page(url, policy=policy, budget=BrowserBudget(seconds=2))
    assert failed.value.reason == "browser_stuck"
    assert time.monotonic() - started < 2 + 4 + 5

    story = site.add("/after", "<html><head><title>After</title></head><body>Fine.</body>")
    assert capture_page(story, policy=policy).title == "After"


def _chromium_browsers() -> set[int]:
    """The Chromium browser processes (not renderers or helpers) below this process."""
    import os

    from sources.archiving.browser.runner import descendants

    found = set()
    for pid in descendants(os.getpid()):
        try:
            exe = os.path.basename(os.readlink(f"/proc/{pid}/exe"))
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                cmdline = fh.read()
        except OSError:
            continue
        if exe == "chromium" and b"--type=" not in cmdline:
            found.add(pid)
    return found


def _settled(done, seconds: float = 10.0) -> set[int]:
    """The Chromium browser processes once ``done(found)`` holds (a process that was closed
    takes a moment to exit), or as they are after ``seconds``."""
    deadline = time.monotonic() + seconds
    found = _chromium_browsers()
    while not done(found) and time.monotonic() < deadline:
        time.sleep(0.1)
        found = _chromium_browsers()
    return found


def test_the_browser_starts_afresh_every_n_captures_and_leaves_nothing_behind(site):
    url = site.add("/story", "<html><head><title>Story</title></head><body>Text.</body>")
    policy = policy_for(f"127.0.0.1:{site.port}")
    shutdown_browser()
    others = _chromium_browsers()  # other tests' (the session's `browser` fixture, say)
    one = lambda found: len(found - others) == 1  # noqa: E731
    titles = [capture_page(url, policy=policy, restart_every=2).title]
    first = _settled(one) - others
    time.sleep(1)  # a browser closed after one capture would be gone by now
    assert len(first) == 1 and first <= _chromium_browsers()  # open: the second capture uses it
    titles.append(capture_page(url, policy=policy, restart_every=2).title)
    # closed right after its second capture (it takes a moment to exit)
    assert _settled(lambda found: not (found - others)) - others == set()
    titles.append(capture_page(url, policy=policy, restart_every=2).title)
    third = _settled(one) - others
    assert len(third) == 1 and third != first  # a new browser for the third
    assert titles == ["Story"] * 3


def test_the_launch_flags_keep_playwrights_own_feature_switches():
    """Chromium keeps only the last --disable-features/--enable-features: ours must repeat
    the entries Playwright passes (read from the installed driver) or they are lost."""
    import re
    from pathlib import Path

    import playwright

    from sources.archiving.browser.runner import LAUNCH_ARGS

    loader = Path(playwright.__file__).parent / "driver/package/lib/server/electron/loader.js"
    source = loader.read_text()
    listed = re.search(r"disabledFeatures = \[(.*?)\]", source, re.S)
    assert listed is not None, f"Playwright's feature list moved: read {loader}"
    theirs = set(re.findall(r'"([A-Za-z0-9]+)"', listed.group(1)))
    theirs -= {f for f in theirs if f.startswith("ms") or f.endswith("Win")}  # Edge, Windows
    assert len(theirs) >= 10
    (disabled,) = [a for a in LAUNCH_ARGS if a.startswith("--disable-features=")]
    (enabled,) = [a for a in LAUNCH_ARGS if a.startswith("--enable-features=")]
    assert theirs <= set(disabled.split("=", 1)[1].split(","))
    assert "CDPScreenshotNewSurface" in source
    assert "CDPScreenshotNewSurface" in enabled.split("=", 1)[1].split(",")


def test_a_page_is_rendered_by_one_renderer_process_and_nothing_hidden_beside_it():
    """Memory: no renderer of its own for Chromium's hidden WebUI (the omnibox pop-ups
    headless Chromium loads per browser context), a page's frames in the page's renderer."""
    import os

    from sources.archiving.browser.runner import descendants, run_in_browser

    def renderers() -> set[int]:
        found = set()
        for pid in descendants(os.getpid()):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    if b"--type=renderer" in fh.read():
                        found.add(pid)
            except OSError:
                continue
        return found

    def job(browser, version):
        before = renderers()  # other tests' browsers' (the session's `browser` fixture, say)
        context = browser.new_context()
        try:
            page = context.new_page()
            page.set_content(
                '<p>Page</p><iframe src="data:text/html,<p>frame</p>"></iframe>'
                '<iframe srcdoc="<p>another</p>"></iframe>'
            )
            cdp = browser.new_browser_cdp_session()
            targets = cdp.send("Target.getTargets", {"filter": [{}]})["targetInfos"]
            cdp.detach()
            return len(renderers() - before), sorted({t["type"] for t in targets})
        finally:
            context.close()

    count, kinds = run_in_browser(job, timeout=60)
    assert count == 1
    assert "browser_ui" not in kinds
