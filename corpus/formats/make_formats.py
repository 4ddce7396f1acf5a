#!/usr/bin/env python3
"""Make corpus/formats/: some of the corpus's acts in every format zan reads.

Python standard library only. Run from anywhere:

    python3 corpus/formats/make_formats.py            # DOCX, ODT, RTF, 8-bit TXT
    python3 corpus/formats/make_formats.py --pdf      # also the PDFs (needs soffice, pdftoppm)

What it writes, for two Russian, two Kazakh and two Kyrgyz acts taken from corpus/*.txt
(the first ones in name order; built-in sample acts if the corpus has none yet):

  NAME.docx         WordprocessingML written by hand with zipfile: content types,
                    package relationships, one document part, the act's paragraphs.
  NAME.odt          OpenDocument text: mimetype stored first, manifest, content.xml.
  NAME.rtf          hand-written RTF: \\ansicpg1251, letters of windows-1251 as \\'xx escapes,
                    every other character (Kazakh and Kyrgyz letters) as \\uN with a '?' fallback.
  NAME.cp1251.txt   Russian acts only: the text in windows-1251 ...
  NAME.cp1251.html  Russian acts only: a windows-1251 page declaring its charset in a <meta>
                    tag, with a menu, a breadcrumb and a footer around the act, which zan
                    must leave out;
  NAME.koi8r.txt    ... and in KOI8-R, which has no '№', dashes or guillemets: they become
                    'N', '-' and '"', as in real KOI8-R files. (Kazakh and Kyrgyz letters are
                    in neither code page.)

With --pdf it also makes, from the DOCX files (LibreOffice embeds subsets of the fonts):
  NAME.pdf          one Russian, one Kazakh and one Kyrgyz act, text PDFs with embedded
                    Cyrillic fonts: `soffice --headless --convert-to pdf NAME.docx`.
  scan-NAME.pdf     two image-only "scanned" PDFs: a page of a text PDF rendered to a
                    1-bit image (`pdftoppm -mono -r 150`) and wrapped by this script in a
                    PDF holding nothing but that image, so there is no text layer at all.
The PDFs are committed, so a machine without LibreOffice needs only the first command.

A sidecar NAME.meta.json is copied beside the generated files when the source act has
one (its header is not parseable from the text alone), so requisites stay the same.
"""

import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from xml.sax.saxutils import escape

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE.parent

KAZAKH_ONLY = set("әғқұһіӘҒҚҰҺІ")
KYRGYZ_OR_KAZAKH = set("ңөүҢӨҮ")

# Fixed timestamp so that re-running the script gives the same bytes.
ZIP_DATE = (2024, 1, 1, 0, 0, 0)

SAMPLES = {
    "sample-ru-decision": "ru",
    "sample-kk-qauly": "kk",
    "sample-ky-toktom": "ky",
}


def language(text):
    letters = set(text)
    if letters & KAZAKH_ONLY:
        return "kk"
    if letters & KYRGYZ_OR_KAZAKH:
        return "ky"
    return "ru"


def paragraphs(text):
    """Paragraphs at blank lines, lines inside joined by a space (as zan reads TXT)."""
    result = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            result.append(" ".join(lines))
    return result


def pick_acts():
    """Two acts per language from corpus/*.txt (acts before press clippings), and a
    built-in sample act for a language the corpus does not have yet."""
    chosen = {"ru": [], "kk": [], "ky": []}
    for path in sorted(CORPUS.glob("*.txt"), key=lambda path: ("-clip-" in path.name, path.name)):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        lang = language(text)
        if len(chosen[lang]) < 2 and len(paragraphs(text)) >= 3:
            chosen[lang].append((path.stem, lang, text, path))
    for name, lang in SAMPLES.items():
        if not chosen[lang]:
            print(f"corpus/*.txt has no {lang} act yet: using the built-in sample", file=sys.stderr)
            chosen[lang].append((name, lang, SAMPLE_TEXT[name], None))
    return [act for lang in ("ru", "kk", "ky") for act in chosen[lang]]


def clean(with_pdfs):
    """Removes what an earlier run made, so acts no longer chosen leave nothing behind."""
    made = (".docx", ".odt", ".rtf", ".txt", ".html", ".meta.json") + ((".pdf",) if with_pdfs else ())
    for path in HERE.iterdir():
        if path.name.endswith(made):
            path.unlink()


def write_zip(path, entries):
    """Writes a zip: the first entry stored (ODT's mimetype must be), the rest deflated."""
    with zipfile.ZipFile(path, "w") as archive:
        for index, (name, data) in enumerate(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if index == 0 and name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def make_docx(path, paras):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    font = '<w:rFonts w:ascii="DejaVu Serif" w:hAnsi="DejaVu Serif" w:cs="DejaVu Serif"/>'
    body = []
    for index, text in enumerate(paras):
        bold = "<w:b/>" if index < 2 else ""
        center = '<w:pPr><w:jc w:val="center"/></w:pPr>' if index < 2 else ""
        body.append(
            f'<w:p>{center}<w:r><w:rPr>{font}{bold}<w:sz w:val="24"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{w}"><w:body>'
        + "".join(body)
        + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    write_zip(
        path,
        [("[Content_Types].xml", content_types), ("_rels/.rels", rels), ("word/document.xml", document)],
    )


def make_odt(path, paras):
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    )
    body = []
    for index, text in enumerate(paras):
        if index < 2:
            body.append(f'<text:h text:outline-level="1">{escape(text)}</text:h>')
        else:
            body.append(f"<text:p>{escape(text)}</text:p>")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} office:version="1.2">'
        "<office:body><office:text>" + "".join(body) + "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    write_zip(
        path,
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", content),
        ],
    )


def html_page(paras):
    """A page of a council's site in windows-1251: furniture around the act's paragraphs."""
    body = "\n".join(
        (f"<h1>{escape(text)}</h1>" if index == 0 else f"<p>{escape(text)}</p>") for index, text in enumerate(paras)
    )
    return (
        '<!DOCTYPE html>\n<html lang="ru">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">\n'
        f"<title>{escape(paras[0])}</title>\n"
        "<style>body { font-family: serif; }</style>\n"
        "<script>var counter = '<p>hidden</p>';</script>\n</head>\n<body>\n"
        '<div class="top-menu"><a href="/">Главная</a> | <a href="/acts">Документы</a></div>\n'
        '<ul class="breadcrumb"><li>Главная</li><li>Решения</li></ul>\n'
        f"<main>\n{body}\n</main>\n"
        "<footer>&copy; Городской совет</footer>\n</body>\n</html>\n"
    )


def rtf_escape(text):
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 0x80:
            out.append(char)
        else:
            try:
                byte = char.encode("cp1251")
                out.append("\\'%02x" % byte[0])
            except UnicodeEncodeError:
                code = ord(char)
                if code > 0xFFFF:
                    for unit in (0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)):
                        out.append("\\u%d?" % (unit - 65536))
                else:
                    out.append("\\u%d?" % (code if code < 32768 else code - 65536))
    return "".join(out)


def make_rtf(path, paras):
    lines = [
        "{\\rtf1\\ansi\\ansicpg1251\\deff0\\uc1",
        "{\\fonttbl{\\f0\\froman\\fcharset204 Times New Roman;}}",
        "{\\info{\\title " + rtf_escape(paras[0]) + "}}",
        "\\paperw11906\\paperh16838\\margl1701\\margr850\\margt1134\\margb1134",
    ]
    for index, text in enumerate(paras):
        style = "\\qc\\b" if index < 2 else "\\qj"
        lines.append("\\pard" + style + "\\f0\\fs24 " + rtf_escape(text) + "\\b0\\par")
    lines.append("}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))


# KOI8-R has no '№', dashes, guillemets, curly quotes or soft hyphen: real KOI8-R files
# used these (and no soft hyphens).
KOI8_SUBSTITUTES = {"\u00ad": "", "№": "N", "–": "-", "—": "-", "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "…": "...", "’": "'"}


def koi8_plain(text):
    for char, substitute in KOI8_SUBSTITUTES.items():
        text = text.replace(char, substitute)
    return text


def copy_sidecar(source, stems):
    if source is None:
        return
    sidecar = source.with_name(source.stem + ".meta.json")
    if sidecar.exists():
        for stem in stems:
            shutil.copyfile(sidecar, HERE / (stem + ".meta.json"))


def image_pdf(pgm_or_pbm, out_path):
    """Wraps a PBM (P4) or PGM (P5) image in a one-page PDF with no text layer."""
    data = pgm_or_pbm.read_bytes()
    tokens = []
    position = 0
    needed = 3 if data.startswith(b"P4") else 4
    while len(tokens) < needed:
        match = re.compile(rb"\s*(#[^\n]*\n\s*)*(\S+)").match(data, position)
        tokens.append(match.group(2))
        position = match.end()
    position += 1  # the single whitespace after the header
    width, height = int(tokens[1]), int(tokens[2])
    pixels = data[position:]
    if tokens[0] == b"P4":
        bits, decode = 1, "/Decode [1 0]"  # PBM: 1 is black; PDF DeviceGray: 1 is white
    else:
        bits, decode = 8, ""
    stream = zlib.compress(pixels, 9)
    page_w, page_h = 595, 842
    content = f"q {page_w} 0 0 {page_h} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_w} {page_h}] "
        f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray "
        f"/BitsPerComponent {bits} {decode} /Filter /FlateDecode /Length {len(stream)} >>\nstream\n".encode()
        + stream
        + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    out_path.write_bytes(bytes(out))


def make_pdfs(acts):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        print("soffice or pdftoppm missing: PDFs not remade (the committed ones stay)", file=sys.stderr)
        return
    first_per_language = {}
    for name, lang, _, _ in acts:
        first_per_language.setdefault(lang, name)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for name in first_per_language.values():
            subprocess.run(
                [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                 "--outdir", str(HERE), str(HERE / f"{name}.docx")],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        for name in list(first_per_language.values())[:2]:
            subprocess.run(
                [pdftoppm, "-mono", "-r", "150", "-f", "1", "-l", "1", str(HERE / f"{name}.pdf"), str(tmp / name)],
                check=True,
            )
            image = next(tmp.glob(f"{name}*.pbm"))
            image_pdf(image, HERE / f"scan-{name}.pdf")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pdf", action="store_true", help="also make the PDFs (needs soffice and pdftoppm)")
    args = parser.parse_args()
    acts = pick_acts()
    clean(args.pdf)
    for name, lang, text, source in acts:
        paras = paragraphs(text)
        make_docx(HERE / f"{name}.docx", paras)
        make_odt(HERE / f"{name}.odt", paras)
        make_rtf(HERE / f"{name}.rtf", paras)
        stems = [name]
        if lang == "ru":
            plain = "\r\n\r\n".join(paras) + "\r\n"
            (HERE / f"{name}.cp1251.txt").write_bytes(plain.encode("cp1251"))
            (HERE / f"{name}.koi8r.txt").write_bytes(koi8_plain(plain).encode("koi8_r"))
            (HERE / f"{name}.cp1251.html").write_bytes(html_page(paras).encode("cp1251"))
            stems += [f"{name}.cp1251", f"{name}.koi8r"]
        copy_sidecar(source, stems)
        print(f"{name} ({lang}): {', '.join(stems)}")
    if args.pdf:
        make_pdfs(acts)
    total = sum(path.stat().st_size for path in HERE.iterdir() if path.is_file())
    print(f"corpus/formats: {total} bytes")


SAMPLE_TEXT = {
    "sample-ru-decision": """ГОРОДСКОЙ СОВЕТ

РЕШЕНИЕ
от 14 марта 2023 года № 12-3

О городском бюджете на 2023 год

В соответствии с Бюджетным кодексом городской совет РЕШИЛ:

1. Утвердить городской бюджет на 2023 год по доходам в сумме 1 250 000 тысяч тенге.

2. Контроль за исполнением настоящего решения возложить на постоянную комиссию по бюджету.

Председатель городского совета""",
    "sample-kk-qauly": """ҚАЛА ӘКІМДІГІ

ҚАУЛЫ
2023 жылғы 5 сәуір № 45

Қаланың көшелерін көгалдандыру туралы

Қала әкімдігі ҚАУЛЫ ЕТЕДІ:

1. Қаланың орталық көшелерін көгалдандыру жұмыстары жүргізілсін.

2. Осы қаулының орындалуын бақылау қала әкімінің орынбасарына жүктелсін.

Қала әкімі""",
    "sample-ky-toktom": """ШААРДЫК КЕҢЕШ

ТОКТОМ
2023-жылдын 20-майы № 7

Шаардын көчөлөрүн жарыктандыруу жөнүндө

Шаардык кеңеш ТОКТОМ КЫЛАТ:

1. Шаардын борбордук көчөлөрүндө жарыктандыруу иштери жүргүзүлсүн.

2. Ушул токтомдун аткарылышын көзөмөлдөө шаардык кеңештин комиссиясына жүктөлсүн.

Шаардык кеңештин төрагасы""",
}

if __name__ == "__main__":
    main()
