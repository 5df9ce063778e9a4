"""The 办事清单 printed by Chromium (page.pdf, A4), as a reader prints it to take to the window: the
checklist the address names (?s=<situation id> or #<situation id>) alone on one sheet, its QR code
printed and readable; without JavaScript every checklist, one per sheet; the 打印 button prints its
own checklist only. axe (WCAG A/AA) finds nothing on the two pages at phone and desktop width, 长辈版
off and on. The pages themselves (facts, QR payloads): test_checklist.py."""
from __future__ import annotations

import base64
import io

import pytest
import pypdf
import zxingcpp

from browser_support import axe_script, new_context, require_chromium

require_chromium()

CHANGSHA = "hunan/changsha/checklist/"
XUCHANG = "henan/xuchang/checklist/"
# (page, situation, how the address names it): the two checklists issue 21 asks to fit one A4 sheet each.
PRINTED = [(CHANGSHA, "relocated-retiree", "?s="), (XUCHANG, "death", "#")]

# The pixels of a PNG, grey, read in the page itself (test code, not the site's): what zxing-cpp reads.
PIXELS = """async data => {
  const img = new Image(); img.src = "data:image/png;base64," + data; await img.decode();
  const canvas = document.createElement("canvas"); canvas.width = img.width; canvas.height = img.height;
  const context = canvas.getContext("2d"); context.drawImage(img, 0, 0);
  const rgba = context.getImageData(0, 0, img.width, img.height).data, grey = [];
  for (let i = 0; i < rgba.length; i += 4) grey.push(rgba[i]);
  return {width: img.width, height: img.height, grey: grey};
}"""


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each printed page."""
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def read_qr(page, locator) -> str:
    """The QR code as drawn on the screen of `page` (a screenshot of it), read by zxing-cpp."""
    png = locator.screenshot()
    image = page.evaluate(PIXELS, base64.b64encode(png).decode())
    grey = memoryview(bytes(image["grey"])).cast("B", (image["height"], image["width"]))
    found = zxingcpp.read_barcodes(grey)
    assert len(found) == 1, f"{len(found)} QR codes read"
    return found[0].text


def shown_ids(page) -> list[str]:
    return page.eval_on_selector_all("section.checklist", "all => all.filter(s => s.offsetParent !== null).map(s => s.id)")


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("url, situation, named", PRINTED, ids=[f"{u.split('/')[1]}-{s}" for u, s, _ in PRINTED])
def test_the_named_checklist_prints_alone_on_one_a4_page_with_its_qr_code(browser, server, url, situation, named,
                                                                          elder):
    """In 长辈版 too: the sheet's type size is the print stylesheet's, not the screen's."""
    context = new_context(browser, 1280, elder=elder)
    page = context.new_page()
    page.goto(server + url + named + situation, wait_until="load")
    all_ids = page.eval_on_selector_all("section.checklist", "all => all.map(s => s.id)")
    assert situation in all_ids and len(all_ids) >= 2, all_ids          # the others are there, hidden
    page.emulate_media(media="print")
    assert shown_ids(page) == [situation]
    qr = page.locator(f"section#{situation} svg.checklist-qr-code")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 90 and abs(box["width"] - box["height"]) < 1, box     # about 3 cm square
    assert read_qr(page, qr) == url.replace("checklist/", "") + "#" + situation
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".checklist-print").first.is_hidden()
    pdf = page.pdf(format="A4")
    printed = pdf_pages(pdf)
    assert len(printed) == 1, f"{url}{named}{situation} prints on {len(printed)} A4 pages"
    flat = "".join(printed[0].split())
    assert url.replace("checklist/", "") + "#" + situation in flat            # its own address, printed
    others = [s for s in all_ids if s != situation]
    assert not any(url.replace("checklist/", "") + "#" + s in flat for s in others)
    context.close()


def test_without_javascript_every_checklist_prints_one_per_page(browser, server):
    context = new_context(browser, 1280, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + CHANGSHA + "#death", wait_until="load")
    ids = page.eval_on_selector_all("section.checklist", "all => all.map(s => s.id)")
    page.emulate_media(media="print")
    assert shown_ids(page) == ids                # nothing hides the others
    assert page.locator(".checklist-print").first.is_hidden()       # a button that would do nothing
    printed = pdf_pages(page.pdf(format="A4"))
    assert len(printed) == len(ids), (len(printed), ids)
    for text, situation in zip(printed, ids):
        assert "hunan/changsha/#" + situation in "".join(text.split())
    context.close()


def test_the_print_button_prints_its_own_checklist(browser, server):
    context = new_context(browser, 390)
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page = context.new_page()
    page.goto(server + CHANGSHA, wait_until="load")
    ids = page.eval_on_selector_all("section.checklist", "all => all.map(s => s.id)")
    assert shown_ids(page) == ids and len(ids) >= 2
    button = page.locator("section#death .checklist-print")
    assert button.is_visible() and button.inner_text() == "打印这张清单"
    button.click()
    assert page.evaluate("window.__printed") == 1
    assert shown_ids(page) == ["death"]
    assert page.evaluate("location.hash") == "#death"
    page.goto(server + CHANGSHA + "?s=nosuch", wait_until="load")      # an unknown name hides nothing
    assert shown_ids(page) == ids
    context.close()


TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]      # as test_axe.py


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_on_the_checklists(browser, server, width, elder):
    context = new_context(browser, width, elder=elder)
    context.add_init_script(axe_script())
    page = context.new_page()
    failures = []
    for url in (CHANGSHA, XUCHANG):
        page.goto(server + url, wait_until="load")
        result = page.evaluate("options => axe.run(document, options)",
                               {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
        failures += [f"/{url}: {v['id']}: {v['help']} {[n['html'][:100] for n in v['nodes'][:3]]}"
                     for v in result["violations"]]
    context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.exhaustive
def test_every_checklist_of_every_place_fits_one_a4_page(browser, server, kb):
    """Printed without JavaScript (every checklist of the page), each page prints on as many A4 sheets
    as it has checklists, each sheet carrying its own checklist's address."""
    from helpers import urls
    context = new_context(browser, 1280, java_script_enabled=False)
    page = context.new_page()
    over = []
    for j in kb.jurisdictions.values():
        page.goto(server + urls.url(urls.checklist(j)), wait_until="load")
        ids = page.eval_on_selector_all("section.checklist", "all => all.map(s => s.id)")
        printed = pdf_pages(page.pdf(format="A4"))
        place = urls.url(urls.page(j))
        if len(printed) != len(ids) or not all(place + "#" + s in "".join(t.split()) for t, s in zip(printed, ids)):
            over.append(f"{j.id}: {len(ids)} checklists on {len(printed)} pages")
    context.close()
    assert not over, "\n".join(over)
