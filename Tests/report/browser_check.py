#!/usr/bin/env python3
"""A real browser looks at the HTML report: simulated logs, `amends report --format html`,
rendered by headless Chromium to a PNG, which must not be blank (enough non-white pixels, in
more than a few colours: text, bars and lines). `make test-deps` installs Chromium from
Debian; only where that is impossible does this skip (exit 0, with a banner). Ends with the plain `N passed, N failed` line."""
import os, shutil, struct, subprocess, sys, tempfile, zlib

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
binary = os.environ.get("AMENDS_BIN", os.path.join(root, ".build", "debug", "amends"))
browser = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
if not browser:
    # `make test-deps` installs Chromium wherever it can (root or sudo); reaching here means it
    # could not, so the HTML report went unrendered: say so where nobody can miss it.
    banner = "!" * 78
    print(banner)
    print("browser_check: SKIPPED: no Chromium here, so no browser rendered the HTML report.")
    print("  Install it (apt-get install chromium) and run make test again.")
    print(banner)
    sys.exit(0)


def png_pixels(path):
    """Decodes an 8-bit RGB or RGBA PNG into (width, height, rows of bytes)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"unexpected PNG format {depth}/{colour}"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prior = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = prior[x]
            corner = prior[x - channels] if x >= channels else 0
            if kind == 1: line[x] = (line[x] + left) & 255
            elif kind == 2: line[x] = (line[x] + up) & 255
            elif kind == 3: line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line))
        prior = line
    return width, height, channels, rows


work = tempfile.mkdtemp()
passed = failed = 0
try:
    subprocess.run([binary, "simulate", "--users", "6", "--attempts", "8", "--seed", "5", "--data-dir", os.path.join(work, "data"),
                    "--library", root], check=True, stdout=subprocess.DEVNULL)
    html = subprocess.run([binary, "report", "--format", "html", "--data-dir", os.path.join(work, "data"), "--library", root],
                          check=True, capture_output=True).stdout
    page, shot = os.path.join(work, "report.html"), os.path.join(work, "report.png")
    open(page, "wb").write(html)
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,1600",
                    f"--screenshot={shot}", "file://" + page], check=True, capture_output=True, timeout=120)
    width, height, channels, rows = png_pixels(shot)
    inked, colours = 0, set()
    for row in rows[::4]:
        for x in range(0, width * channels, channels * 4):
            pixel = row[x:x + 3]
            if min(pixel) < 235:
                inked += 1
                colours.add(tuple(v // 32 for v in pixel))
    sampled = (height // 4) * (width // 4)
    share = inked / max(1, sampled)
    print(f"browser_check: {width}x{height} screenshot, {share:.1%} of sampled pixels inked, {len(colours)} colours")
    checks = [("the page is not blank", share > 0.02), ("charts add colour, not just black text", len(colours) >= 4)]
    for name, ok in checks:
        print(("PASS " if ok else "FAIL ") + name)
        passed += ok
        failed += not ok
finally:
    shutil.rmtree(work, ignore_errors=True)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
