#!/usr/bin/env python3
"""Fills fuzz/corpus/<target>/ (not committed) with seed inputs from corpus/, corpus/formats and
the broken-file fixtures: whole files for every target, and for docx/odt also their XML
parts prefixed with the byte 0x01 (the targets' "XML packed in a stored archive" mode).

    python3 crates/extract/fuzz/seed.py
"""
import pathlib
import zipfile

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parents[2]
SOURCES = [ROOT / "corpus", ROOT / "corpus" / "formats", FUZZ.parent / "tests" / "fixtures" / "broken"]
TARGETS = {"txt": [".txt"], "html": [".html", ".htm"], "rtf": [".rtf"], "docx": [".docx"], "odt": [".odt"]}
XML_PARTS = {"docx": ["word/document.xml", "word/footnotes.xml", "word/header1.xml"],
             "odt": ["content.xml", "styles.xml"]}

for target, suffixes in TARGETS.items():
    out = FUZZ / "corpus" / target
    out.mkdir(parents=True, exist_ok=True)
    for source in SOURCES:
        for path in sorted(source.iterdir()):
            if path.suffix.lower() not in suffixes:
                continue
            data = path.read_bytes()
            (out / path.name).write_bytes(data)
            if target in XML_PARTS:
                with zipfile.ZipFile(path) as archive:
                    for part in XML_PARTS[target]:
                        if part in archive.namelist():
                            name = f"{path.stem}.{part.replace('/', '_')}"
                            (out / name).write_bytes(b"\x01" + archive.read(part))
    print(target, len(list(out.iterdir())), "seeds")
