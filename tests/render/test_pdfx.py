"""Print-shop files as a print shop's preflight reads them: PDF/X-4 for FOGRA39, ink ≤ 300 %.

pikepdf reads the structure (output intent, identification in the Info and XMP, page boxes,
annotations, colour operators and their ink); Ghostscript renders every page to CMYK separations
and the total ink is measured pixel by pixel inside the bleed. The palette's CMYK is recomputed
through the vendored profile with littleCMS and compared with the stored table.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from io import BytesIO

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageCms

from carddeck import press, theme
from carddeck.layout.boxes import Document, Page, Rect
from carddeck.render.pdf import render
from carddeck.render.pdfx import to_pdfx, xmp_date
from kitutil import build_cards

NS = {
    "x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
}
INK_LIMIT = 300.0  # percent, all four plates together
REGISTRATION = [1.0, 1.0, 1.0, 1.0]  # crop marks, outside the bleed


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdfx")
    build_cards(out / "plain", "--for", "print-shop")
    build_cards(out / "marks", "--for", "print-shop", "--marks")
    return out


FILES = ["plain/cards.pdf", "plain/poster.pdf", "marks/cards.pdf", "marks/poster.pdf"]


def _xmp(pdf) -> ET.Element:
    return ET.fromstring(pdf.Root.Metadata.read_bytes()).find("rdf:RDF/rdf:Description", NS)


@pytest.mark.parametrize("name", FILES)
def test_pdfx_identification_output_intent_and_metadata(shop, name):
    with pikepdf.open(shop / name) as pdf:
        assert pdf.pdf_version == "1.6"
        info = pdf.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-4" and info.Trapped == pikepdf.Name("/False")
        (intent,) = pdf.Root.OutputIntents
        assert intent.Type == "/OutputIntent" and intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        profile = intent.DestOutputProfile
        assert profile.N == 4 and profile.read_bytes() == press.profile_bytes()
        xmp = _xmp(pdf)
        assert xmp.findtext("pdfxid:GTS_PDFXVersion", namespaces=NS) == "PDF/X-4"
        assert xmp.findtext("pdf:Trapped", namespaces=NS) == "False"
        assert xmp.findtext("dc:title/rdf:Alt/rdf:li", namespaces=NS) == str(info.Title) == "Samskabelse – samskaping"
        assert xmp.findtext("xmp:CreateDate", namespaces=NS) == xmp_date(str(info.CreationDate)) == "2000-01-01T00:00:00+00:00"
        assert xmp.findtext("xmp:ModifyDate", namespaces=NS) == xmp_date(str(info.ModDate))
        assert xmp.findtext("pdf:Producer", namespaces=NS) == str(info.Producer)
        assert xmp.findtext("xmp:CreatorTool", namespaces=NS) == str(info.Creator)
        assert xmp.findtext("xmpMM:DocumentID", namespaces=NS).startswith("uuid:")
        assert xmp.findtext("xmpMM:VersionID", namespaces=NS) == "1"
        assert xmp.findtext("xmpMM:RenditionClass", namespaces=NS) == "default"
        assert len(pdf.trailer.ID) == 2


def test_the_output_profile_is_a_cmyk_printer_profile():
    data = press.profile_bytes()
    assert (data[12:16], data[16:20], data[20:24], data[36:40]) == (b"prtr", b"CMYK", b"Lab ", b"acsp")
    description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(BytesIO(data)))
    assert "FOGRA39" in description


def _box(page, name):
    return [float(v) for v in page.obj[name]]


@pytest.mark.parametrize("name", FILES)
def test_every_page_has_trim_and_bleed_and_no_annotation(shop, name):
    with pikepdf.open(shop / name) as pdf:
        for page in pdf.pages:
            media, bleed, trim = _box(page, "/MediaBox"), _box(page, "/BleedBox"), _box(page, "/TrimBox")
            assert media[0] <= bleed[0] <= trim[0] and media[1] <= bleed[1] <= trim[1]
            assert trim[2] <= bleed[2] <= media[2] and trim[3] <= bleed[3] <= media[3]
            assert "/Annots" not in page.obj


def _colours(pdf) -> list[tuple[str, list[float]]]:
    """Every colour operator on the pages and in the forms they draw, with its operands."""
    seen, out = set(), []

    def walk(owner, resources):
        for operands, op in pikepdf.parse_content_stream(owner):
            if str(op) in ("k", "K", "rg", "RG", "g", "G", "sc", "scn", "SC", "SCN", "cs", "CS"):
                out.append((str(op), [float(v) for v in operands]))
        for xobject in (resources or {}).get("/XObject", {}).values():
            if xobject.objgen not in seen and xobject.get("/Subtype") == "/Form":
                seen.add(xobject.objgen)
                walk(xobject, xobject.get("/Resources"))

    for page in pdf.pages:
        walk(page, page.get("/Resources"))
    return out


@pytest.mark.parametrize("name", FILES)
def test_colour_is_cmyk_from_the_palette_and_ink_stays_under_300_percent(shop, name):
    stored = {tuple(round(v, 4) for v in press.cmyk(c)) for c in press.palette()}
    with pikepdf.open(shop / name) as pdf:
        colours = _colours(pdf)
    assert {op for op, _ in colours} <= {"k", "K"}
    marks = name.startswith("marks/")
    for op, values in colours:
        if values == REGISTRATION:
            assert op == "K" and marks  # crop marks only, and only with --marks
            continue
        assert tuple(round(v, 4) for v in values) in stored, values
        assert sum(values) * 100 <= INK_LIMIT + 1e-6, values


def test_the_palette_is_the_profiles_conversion():
    """The stored CMYK is what littleCMS computes through the vendored profile today."""
    assert press.compute(press.palette()) == {c: [round(v * 100, 1) for v in press.cmyk(c)] for c in press.palette()}


def test_greys_print_from_black_alone_and_tints_without_black():
    for grey in press.GREYS:
        c, m, y, _ = press.cmyk(grey)
        assert (c, m, y) == (0.0, 0.0, 0.0), grey
    assert press.cmyk(theme.INK)[3] >= 0.95 and press.cmyk(theme.PAPER) == (0.0, 0.0, 0.0, 0.0)
    for style in (*theme.PHASES.values(), theme.SESAM):
        assert press.cmyk(style.tint)[3] == 0.0, style.key
        assert sum(press.cmyk(style.colour)[:3]) > 0.5, style.key  # a colour, not a grey
    for colour in press.palette():
        assert sum(press.cmyk(colour)) * 100 <= INK_LIMIT, colour


def test_a_colour_outside_the_palette_is_refused_with_the_remedy():
    with pytest.raises(KeyError) as exc:
        press.cmyk("#123456")
    assert exc.value.args[0] == ("colour #123456 has no press CMYK; run 'python -m carddeck.press' to recompute "
                                 "src/carddeck/icc/palette.json")


def _page(**boxes) -> Page:
    from carddeck.layout.boxes import PageBoxes

    return Page(50.0, 50.0, (Rect(5.0, 5.0, 40.0, 40.0, fill=theme.PHASES[1].tint),), PageBoxes(**boxes))


def test_pdfx_needs_trim_and_bleed_on_every_page():
    document = Document((_page(),), cmyk=True, title="t")
    with pytest.raises(ValueError) as exc:
        render(document)
    assert str(exc.value) == "page 1 has no TrimBox or BleedBox; PDF/X needs both here"


def test_pdfx_output_is_byte_identical_and_its_ids_follow_the_content():
    document = Document((_page(trim=(5.0, 5.0, 40.0, 40.0), bleed=(2.0, 2.0, 46.0, 46.0)),), cmyk=True, title="t")
    first, again = render(document), render(document)
    assert first == again
    other = render(replace(document, title="u"))
    with pikepdf.open(BytesIO(first)) as a, pikepdf.open(BytesIO(other)) as b:
        assert a.trailer.ID[0] != b.trailer.ID[0]
        assert _xmp(a).findtext("xmpMM:DocumentID", namespaces=NS) != _xmp(b).findtext("xmpMM:DocumentID", namespaces=NS)


def test_pdfx_refuses_annotations():
    plain = render(Document((_page(trim=(5.0, 5.0, 40.0, 40.0), bleed=(2.0, 2.0, 46.0, 46.0)),), title="t"))
    with pikepdf.open(BytesIO(plain)) as pdf:
        pdf.pages[0].obj.TrimBox = pdf.pages[0].obj.BleedBox = pdf.pages[0].obj.MediaBox
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array())
        out = BytesIO()
        pdf.save(out)
    with pytest.raises(ValueError) as exc:
        to_pdfx(out.getvalue())
    assert str(exc.value) == "page 1 has annotations; a PDF/X file for the press carries none"


# --- Ghostscript -------------------------------------------------------------------------------------


def _gs() -> str:
    path = shutil.which("gs")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Ghostscript (gs) is missing; tests/ensure-tools.sh installs it")
        pytest.skip("Ghostscript (gs) is not installed")
    return path


@pytest.mark.parametrize("name", ["plain/cards.pdf", "plain/poster.pdf"])
def test_ghostscript_renders_the_separations_and_total_ink_stays_under_300_percent(shop, tmp_path, name):
    dpi = 10 if "poster" in name else 24
    result = subprocess.run(
        [_gs(), "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dPDFSTOPONERROR", "-dUseBleedBox", f"-r{dpi}",
         "-sDEVICE=tiff32nc", f"-sOutputFile={tmp_path}/page-%03d.tif", str(shop / name)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0 and not result.stdout.strip() and not result.stderr.strip(), result.stderr
    pages = sorted(tmp_path.glob("page-*.tif"))
    with pikepdf.open(shop / name) as pdf:
        assert len(pages) == len(pdf.pages)
    worst = 0.0
    for path in pages:
        with Image.open(path) as image:
            assert image.mode == "CMYK"
            plates = np.asarray(image, dtype=np.float64)
        worst = max(worst, float(plates.sum(axis=2).max()) / 255 * 100)
    assert 150.0 < worst <= INK_LIMIT + 1.0  # deep shades lay down ~200 %; 1 % for 8-bit rounding
