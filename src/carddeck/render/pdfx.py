"""PDF/X-4 for the print shop: the PDF that render/pdf.py drew in, a PDF/X-4 file out.

What PDF/X-4 (ISO 15930-7) asks of a file, and where carddeck meets it:

- colour for one named press condition: every colour is DeviceCMYK from :mod:`carddeck.press`,
  and the output intent (``/S /GTS_PDFX``) carries that condition's ICC profile
  (``DestOutputProfile``) and its name (``OutputConditionIdentifier`` FOGRA39);
- a TrimBox (and here a BleedBox) on every page: layout sets both on print-shop pages;
- no link annotations: render draws none for a press document;
- the version named in the document info (``GTS_PDFXVersion``) and in XMP metadata
  (``pdfxid:GTS_PDFXVersion``), with title, dates, ``Trapped`` and document ids that agree;
- fonts embedded: render embeds its subsets.

The result is the same bytes for the same input: dates are the fixed ones of reportlab's
invariant mode, and the document ids are made from the content.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .. import press

VERSION = "PDF/X-4"
PDF_VERSION = "1.6"  # PDF/X-4 is built on PDF 1.6
_NAMESPACE = uuid.UUID("6f2f8f5e-6c1b-4d7a-9a58-0f7c7f0e2a11")  # carddeck's own, for content ids

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <xmp:MetadataDate>{modified}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{instance_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-])(\d{2})'(\d{2})'?")


def xmp_date(pdf_date: str) -> str:
    """A PDF date (``D:20000101000000+00'00'``) as XMP writes it (``2000-01-01T00:00:00+00:00``)."""
    match = _PDF_DATE.fullmatch(pdf_date)
    if not match:
        raise ValueError(f"not a full PDF date: {pdf_date!r}")
    y, mo, d, h, mi, s, sign, oh, om = match.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{sign}{oh}:{om}"


def to_pdfx(data: bytes) -> bytes:
    """``data`` (a PDF whose colours are all DeviceCMYK for :mod:`carddeck.press`) as PDF/X-4.

    :raises ValueError: when a page has no TrimBox or carries annotations (layout and render
        must not make such pages for a press).
    """
    digest = hashlib.sha256(data).hexdigest()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
                raise ValueError(f"page {number} has no TrimBox or BleedBox; PDF/X needs both here")
            if "/Annots" in page.obj:
                raise ValueError(f"page {number} has annotations; a PDF/X file for the press carries none")
        profile = pdf.make_stream(press.profile_bytes())
        profile.N = 4
        intent = Dictionary(
            Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=String(press.CONDITION_ID),
            OutputCondition=String(press.CONDITION), Info=String(press.CONDITION), RegistryName=String(press.REGISTRY),
            DestOutputProfile=profile,
        )
        pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])
        info = pdf.docinfo
        info.GTS_PDFXVersion = String(VERSION)
        info.Trapped = Name("/False")
        fields = {key: escape(str(info.get(f"/{name}", ""))) for key, name in (
            ("title", "Title"), ("author", "Author"), ("subject", "Subject"), ("creator", "Creator"),
            ("producer", "Producer"))}
        xmp = XMP.format(
            **fields, created=xmp_date(str(info.CreationDate)), modified=xmp_date(str(info.ModDate)),
            document_id=uuid.uuid5(_NAMESPACE, digest), instance_id=uuid.uuid5(_NAMESPACE, "instance:" + digest),
            version=VERSION,
        )
        pdf.Root.Metadata = pdf.make_stream(xmp.encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML)
        out = io.BytesIO()
        pdf.save(out, force_version=PDF_VERSION, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()
