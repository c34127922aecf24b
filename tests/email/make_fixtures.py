# ruff: noqa: E501
"""Writes the .eml corpus in tests/email/fixtures/ and expected.json beside it.

Each mail is written out here by hand, modelled on what the named client really sends
(header order, boundaries, encodings); binary parts (PDF, JPEG, PNG, TNEF) are built from a
few bytes so the corpus stays small. Run: python tests/email/make_fixtures.py
"""

from __future__ import annotations

import base64
import json
import quopri
import struct
from pathlib import Path

OUT = Path(__file__).parent / "fixtures"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 16
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00"

corpus: dict[str, dict[str, object]] = {}


def b64(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return "\n".join(text[i : i + 76] for i in range(0, len(text), 76))


def qp(text: str, charset: str = "utf-8") -> str:
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def add(name: str, raw: str | bytes, **expect: object) -> None:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    corpus[name] = {"state": "processed", "contains": [], "absent": [], "files": [], **expect}
    (OUT / f"{name}.eml").write_bytes(data)


def head(sender: str, subject: str, mid: str, mailer: str = "", extra: str = "") -> str:
    lines = [
        "Return-Path: <" + sender.split("<")[-1].rstrip(">") + ">",
        f"From: {sender}",
        "To: Bürgerservice Koblenz <buergerservice@koblenz.example>",
        f"Subject: {subject}",
        "Date: Tue, 24 Nov 2026 09:15:00 +0100",
        f"Message-ID: <{mid}>",
        "MIME-Version: 1.0",
    ]
    if mailer:
        lines.append(mailer)
    if extra:
        lines.append(extra.strip())
    return "\n".join(lines) + "\n"


def tnef(body: str, files: list[tuple[str, bytes]]) -> bytes:
    def obj(level: int, name: int, typ: int, data: bytes) -> bytes:
        checksum = sum(data) & 0xFFFF
        return (
            struct.pack("<BHHI", level, name, typ, len(data)) + data + struct.pack("<H", checksum)
        )

    out = struct.pack("<IH", 0x223E9F78, 0x1234)
    out += obj(1, 0x9006, 0x0008, struct.pack("<I", 0x00010000))
    out += obj(1, 0x9007, 0x0006, struct.pack("<II", 1252, 0))
    if body:
        out += obj(1, 0x800C, 0x0002, body.encode("cp1252") + b"\x00")
    for filename, content in files:
        out += obj(2, 0x9002, 0x0006, b"\x01\x00" + b"\xff" * 4 + b"\x00" * 8)
        out += obj(2, 0x8010, 0x0001, filename.encode("cp1252") + b"\x00")
        out += obj(2, 0x800F, 0x0006, content)
    return out


OUTLOOK = "X-Mailer: Microsoft Outlook 16.0\nThread-Index: AdnKx1d2bWVzc2FnZQ=="
APPLE = "X-Mailer: Apple Mail (2.3774.200.91.1.1)"
GMAIL = "X-Gm-Message-State: AOJu0Yw"
TBIRD = "User-Agent: Mozilla Thunderbird"
IPHONE = "X-Mailer: iPhone Mail (21F90)"
ANDROID = "X-Mailer: Android Mail"


def outlook() -> None:
    add(
        "outlook_plain",
        head(
            "Hans Becker <hans.becker@web.example>",
            "Sperrmüll in der Löhrstraße",
            "o1@web.example",
            OUTLOOK,
        )
        + 'Content-Type: text/plain; charset="iso-8859-1"\nContent-Transfer-Encoding: quoted-printable\n\n'
        + qp(
            "Sehr geehrte Damen und Herren,\n\nvor dem Haus Löhrstraße 12 liegt seit einer Woche Sperrmüll.\n\nMit freundlichen Grüßen\nHans Becker\n",
            "iso-8859-1",
        ),
        contains=["Löhrstraße 12 liegt seit einer Woche Sperrmüll"],
    )
    html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0cm}</style>'
        '<!--[if gte mso 9]><xml><o:shapedefaults/></xml><![endif]--></head><body lang="DE">'
        '<div class="WordSection1"><p class="MsoNormal">Guten Tag,<o:p></o:p></p>'
        '<p class="MsoNormal">die Ampel an der Kreuzung Friedrich-Ebert-Ring ist defekt.<o:p></o:p></p>'
        '<p class="MsoNormal">Gruß<br>Anna Schmitt<o:p></o:p></p></div></body></html>'
    )
    add(
        "outlook_html_only",
        head("Anna Schmitt <a.schmitt@firma.example>", "Ampel defekt", "o2@firma.example", OUTLOOK)
        + 'Content-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
        + qp(html),
        contains=["die Ampel an der Kreuzung Friedrich-Ebert-Ring ist defekt."],
        absent=["MsoNormal", "shapedefaults"],
    )
    add(
        "outlook_quoted_history",
        head("Hans Becker <hans.becker@web.example>", "AW: Ihr Anliegen", "o3@web.example", OUTLOOK)
        + 'Content-Type: text/plain; charset="utf-8"\n\n'
        "Danke, der Müll ist inzwischen abgeholt.\n\nHans Becker\n\n"
        "-----Ursprüngliche Nachricht-----\nVon: Bürgerservice <buergerservice@koblenz.example>\n"
        "Gesendet: Montag, 23. November 2026 14:00\nAn: Hans Becker\nBetreff: Ihr Anliegen\n\n"
        "Wir kümmern uns darum.\n",
        contains=["der Müll ist inzwischen abgeholt"],
        absent=["Wir kümmern uns darum"],
        quoted=["Wir kümmern uns darum"],
    )
    add(
        "outlook_von_gesendet",
        head(
            "Petra Klein <p.klein@t-online.example>",
            "AW: Rückfrage",
            "o4@t-online.example",
            OUTLOOK,
        ).encode()
        + b'Content-Type: text/plain; charset="windows-1252"\nContent-Transfer-Encoding: 8bit\n\n'
        + "Die Hausnummer ist 7a. – Petra Klein\n\nVon: Stadt Koblenz\nGesendet: Dienstag\nBetreff: Rückfrage\n\nWelche Hausnummer?\n".encode(
            "cp1252"
        ),
        contains=["Die Hausnummer ist 7a. – Petra Klein"],
        absent=["Welche Hausnummer"],
    )
    boundary = "_004_AM0PR01MB1234_"
    add(
        "outlook_pdf_attachment",
        head(
            "Jörg Wagner <joerg.wagner@gmx.example>",
            "Antrag Sondernutzung",
            "o5@gmx.example",
            OUTLOOK,
        )
        + f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n--{boundary}\n'
        + 'Content-Type: text/plain; charset="utf-8"\n\nAnbei der ausgefüllte Antrag für den Bauzaun.\n\n'
        + f"--{boundary}\n"
        + 'Content-Type: application/pdf; name="Antrag Sondernutzung.pdf"\n'
        + 'Content-Disposition: attachment; filename="Antrag Sondernutzung.pdf"\nContent-Transfer-Encoding: base64\n\n'
        + b64(PDF)
        + f"\n--{boundary}--\n",
        contains=["Anbei der ausgefüllte Antrag"],
        files=["Antrag Sondernutzung.pdf"],
    )
    for index, (body, files, expect_files) in enumerate(
        [
            (
                "Bitte beachten Sie die Fotos vom Schlagloch.",
                [("schlagloch.jpg", JPEG)],
                ["schlagloch.jpg"],
            ),
            (
                "Meine Stellungnahme liegt bei.",
                [("Stellungnahme.pdf", PDF), ("foto.png", PNG)],
                ["Stellungnahme.pdf", "foto.png"],
            ),
            ("Hier die Liste als Tabelle.", [("liste.xlsx", ZIP)], []),
        ],
        start=1,
    ):
        boundary = f"----=_NextPart_000_00{index}"
        add(
            f"outlook_tnef_{index}",
            head(
                "Klaus Meyer <k.meyer@verein.example>",
                "Schlagloch Moselweißer Straße",
                f"tnef{index}@verein.example",
                OUTLOOK,
            )
            + f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n--{boundary}\n'
            + 'Content-Type: text/plain; charset="us-ascii"\n\n\n'
            + f'--{boundary}\nContent-Type: application/ms-tnef; name="winmail.dat"\n'
            + 'Content-Disposition: attachment; filename="winmail.dat"\nContent-Transfer-Encoding: base64\n\n'
            + b64(tnef(body, files))
            + f"\n--{boundary}--\n",
            contains=[body],
            files=expect_files,
            **({"notes": ["liste.xlsx"]} if not expect_files else {}),
        )
    add(
        "outlook_tnef_broken",
        head("Klaus Meyer <k.meyer@verein.example>", "Kaputt", "tnefbroken@verein.example", OUTLOOK)
        + 'Content-Type: application/ms-tnef; name="winmail.dat"\nContent-Transfer-Encoding: base64\n\n'
        + b64(b"\x00\x01notatnef" * 4)
        + "\n",
        state="quarantined",
    )
    add(
        "outlook_out_of_office",
        head(
            "Sabine Roth <s.roth@behoerde.example>",
            "Automatische Antwort: Ihr Anliegen 2026-000001-V",
            "oof@behoerde.example",
            OUTLOOK,
            "X-Auto-Response-Suppress: All\nAuto-Submitted: auto-replied",
        )
        + 'Content-Type: text/plain; charset="utf-8"\n\nIch bin bis 30.11. nicht im Büro.\n',
        state="auto_reply",
    )
    ics = (
        "BEGIN:VCALENDAR\nMETHOD:REQUEST\nPRODID:Microsoft Exchange Server 2016\nBEGIN:VEVENT\n"
        "SUMMARY;LANGUAGE=de-DE:Ortstermin Baumfällung\nDTSTART;TZID=W. Europe Standard Time:20261203T100000\n"
        "LOCATION:Schlossgarten\\, Eingang Süd\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    boundary = "_000_cal_"
    add(
        "outlook_calendar_invite",
        head(
            "Amt 67 <gruenflaechen@partner.example>",
            "Einladung: Ortstermin Baumfällung",
            "cal1@partner.example",
            OUTLOOK,
        )
        + f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n--{boundary}\n'
        + 'Content-Type: text/plain; charset="utf-8"\n\nWir schlagen einen Ortstermin vor.\n\n'
        + f'--{boundary}\nContent-Type: text/calendar; charset="utf-8"; method=REQUEST\n\n{ics}\n--{boundary}--\n',
        contains=[
            "Wir schlagen einen Ortstermin vor.",
            "Termin: Ortstermin Baumfällung, Beginn 03.12.2026 10:00, Ort: Schlossgarten, Eingang Süd",
        ],
    )


def apple() -> None:
    outer, inner = "Apple-Mail=_A1", "Apple-Mail=_A2"
    add(
        "apple_related_inline_image",
        head(
            "Lena Vogel <lena.vogel@icloud.example>",
            "Wilder Müll am Rheinufer",
            "apple1@icloud.example",
            APPLE,
        )
        + f'Content-Type: multipart/alternative; boundary="{outer}"\n\n--{outer}\n'
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        + qp("Am Rheinufer liegt wieder Müll, siehe Foto.\n\nLena\n")
        + f'\n--{outer}\nContent-Type: multipart/related; type="text/html"; boundary="{inner}"\n\n--{inner}\n'
        + 'Content-Type: text/html; charset=utf-8\n\n<html><body><div>Am Rheinufer liegt wieder Müll, siehe Foto.</div><img src="cid:img1@apple"></body></html>\n'
        + f"--{inner}\nContent-Type: image/jpeg; name=IMG_0042.jpeg\nContent-Disposition: inline; filename=IMG_0042.jpeg\n"
        + "Content-ID: <img1@apple>\nContent-Transfer-Encoding: base64\n\n"
        + b64(JPEG)
        + f"\n--{inner}--\n--{outer}--\n",
        contains=["Am Rheinufer liegt wieder Müll, siehe Foto."],
        files=["IMG_0042.jpg"],
    )
    add(
        "apple_quote",
        head(
            "Lena Vogel <lena.vogel@icloud.example>",
            "Re: Ihr Anliegen",
            "apple2@icloud.example",
            APPLE,
        )
        + "Content-Type: text/plain;\n\tcharset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        + qp(
            "Ja, der Container steht noch da.\n\nViele Grüße\nLena\n\n> Am 23.11.2026 um 14:02 schrieb Bürgerservice <buergerservice@koblenz.example>:\n>\n> Steht der Container noch?\n"
        ),
        contains=["Ja, der Container steht noch da."],
        absent=["Steht der Container noch?"],
    )
    add(
        "apple_heic",
        head("Tom Berg <tom.berg@me.example>", "Foto Gehweg", "apple3@me.example", APPLE)
        + 'Content-Type: multipart/mixed; boundary="Apple-Mail=_H"\n\n--Apple-Mail=_H\n'
        + "Content-Type: text/plain; charset=us-ascii\n\nDer Gehweg ist abgesackt.\n\n--Apple-Mail=_H\n"
        + "Content-Type: image/heic; name=IMG_1234.HEIC\nContent-Disposition: attachment; filename=IMG_1234.HEIC\n"
        + "Content-Transfer-Encoding: base64\n\n"
        + b64(HEIC)
        + "\n--Apple-Mail=_H--\n",
        contains=["Der Gehweg ist abgesackt."],
        files=["IMG_1234.heic"],
    )
    add(
        "apple_forward",
        head("Tom Berg <tom.berg@me.example>", "WG: Lärm Baustelle", "apple4@me.example", APPLE)
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        + "Zur Info, die Nachbarn beschweren sich auch.\n\nAnfang der weitergeleiteten Nachricht:\n\n"
        + "Von: Nachbar <nachbar@example.org>\nBetreff: Lärm Baustelle\n\nDie Baustelle lärmt schon um 5 Uhr.\n",
        contains=["die Nachbarn beschweren sich auch", "Die Baustelle lärmt schon um 5 Uhr."],
    )
    add(
        "apple_signature_only_text",
        head("Maria Lang <maria.lang@mac.example>", "Parkausweis", "apple5@mac.example", APPLE)
        + "Content-Type: text/plain; charset=utf-8; format=flowed\nContent-Transfer-Encoding: 7bit\n\n"
        + "Wann kann ich meinen Bewohnerparkausweis abholen? \n\n-- \nMaria Lang\nTel. 0261 000000\n",
        contains=["Wann kann ich meinen Bewohnerparkausweis abholen?"],
    )


def gmail() -> None:
    boundary = "000000000000a1b2c3d4e5f6"
    add(
        "gmail_alternative",
        head(
            "Jonas Weber <jonas.weber@gmail.example>",
            "Spielplatz Schaukel kaputt",
            "CAgmail1@mail.gmail.example",
            GMAIL,
        )
        + f'Content-Type: multipart/alternative; boundary="{boundary}"\n\n--{boundary}\n'
        + 'Content-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
        + qp("Auf dem Spielplatz Goldgrube ist die Schaukel gerissen.\n")
        + f'\n--{boundary}\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
        + qp('<div dir="ltr">Auf dem Spielplatz Goldgrube ist die Schaukel gerissen.</div>\n')
        + f"\n--{boundary}--\n",
        contains=["Auf dem Spielplatz Goldgrube ist die Schaukel gerissen."],
        html=True,
    )
    add(
        "gmail_html_blockquote",
        head(
            "Jonas Weber <jonas.weber@gmail.example>",
            "Re: Ihr Anliegen 2026-000009-X",
            "CAgmail2@mail.gmail.example",
            GMAIL,
            "In-Reply-To: <unknown@koblenz.example>",
        )
        + 'Content-Type: text/html; charset="UTF-8"\n\n'
        + '<div dir="ltr">Die Schaukel hängt noch immer schief.</div><br><div class="gmail_quote">'
        + '<div dir="ltr" class="gmail_attr">Am Mo., 23. Nov. 2026 um 10:00 Uhr schrieb Bürgerservice &lt;buergerservice@koblenz.example&gt;:<br></div>'
        + '<blockquote class="gmail_quote">Ist die Schaukel repariert?</blockquote></div>\n',
        contains=["Die Schaukel hängt noch immer schief."],
        absent=["Ist die Schaukel repariert?"],
    )
    add(
        "gmail_forwarded",
        head(
            "Jonas Weber <jonas.weber@gmail.example>",
            "Fwd: Wasserrohrbruch",
            "CAgmail3@mail.gmail.example",
            GMAIL,
        )
        + 'Content-Type: text/plain; charset="UTF-8"\n\n'
        + "Bitte an das Tiefbauamt weiterleiten.\n\n---------- Forwarded message ---------\n"
        + "From: Stadtwerke <info@stadtwerke.example>\nDate: Mon, 23 Nov 2026\nSubject: Wasserrohrbruch\n\n"
        + "In der Schlossstraße tritt Wasser aus.\n",
        contains=[
            "Bitte an das Tiefbauamt weiterleiten.",
            "In der Schlossstraße tritt Wasser aus.",
        ],
    )
    add(
        "gmail_png_rfc2231",
        head(
            "Jonas Weber <jonas.weber@gmail.example>", "Plan", "CAgmail4@mail.gmail.example", GMAIL
        )
        + f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n--{boundary}\n'
        + 'Content-Type: text/plain; charset="UTF-8"\n\nHier der Lageplan.\n\n'
        + f"--{boundary}\nContent-Type: image/png; name*=UTF-8''Lagepl%C3%A4n%20M%C3%BCllplatz.png\n"
        + "Content-Disposition: attachment; filename*=UTF-8''Lagepl%C3%A4n%20M%C3%BCllplatz.png\n"
        + "Content-Transfer-Encoding: base64\n\n"
        + b64(PNG)
        + f"\n--{boundary}--\n",
        contains=["Hier der Lageplan."],
        files=["Lagepl\u00e4n M\u00fcllplatz.png"],
    )
    add(
        "gmail_vacation",
        head(
            "Jonas Weber <jonas.weber@gmail.example>",
            "Urlaub bis 1.12.",
            "CAgmail5@mail.gmail.example",
            GMAIL,
            "Auto-Submitted: auto-replied\nPrecedence: bulk",
        )
        + 'Content-Type: text/plain; charset="UTF-8"\n\nIch bin im Urlaub.\n',
        state="auto_reply",
    )
    add(
        "gmail_encoded_subject",
        "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@gmail.example>\nTo: buergerservice@koblenz.example\n"
        "Subject: =?UTF-8?B?U3RyYcOfZW5sYXRlcm5lIGRlZmVrdA==?=\nMessage-ID: <CAgmail6@mail.gmail.example>\n"
        "Date: Tue, 24 Nov 2026 09:15:00 +0100\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: base64\n\n"
        + b64(b"Die Laterne am Deinhardplatz flackert.\n")
        + "\n",
        contains=["Die Laterne am Deinhardplatz flackert."],
        subject="Straßenlaterne defekt",
        sender_name="Jürgen Müller",
    )


def thunderbird() -> None:
    add(
        "thunderbird_flowed",
        head(
            "Eva Braun <eva@posteo.example>", "Baum droht umzustürzen", "tb1@posteo.example", TBIRD
        )
        + "Content-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 8bit\n\n"
        + "Guten Tag,\n\nder Baum vor dem Kindergarten in der Südallee neigt sich stark \nzur Straße.\n\nEva Braun\n",
        contains=["der Baum vor dem Kindergarten in der Südallee"],
    )
    add(
        "thunderbird_pgp_inline",
        head("Eva Braun <eva@posteo.example>", "Signiert: Antrag", "tb2@posteo.example", TBIRD)
        + "Content-Type: text/plain; charset=UTF-8\n\n"
        + "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nIch widerspreche dem Bescheid vom 10.11.2026.\n"
        + "-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEEabc=\n=XyZ1\n-----END PGP SIGNATURE-----\n",
        contains=["Ich widerspreche dem Bescheid vom 10.11.2026."],
        absent=["BEGIN PGP", "iQEzBAEBCAAdFiEEabc"],
        signed=True,
    )
    add(
        "thunderbird_pgp_mime",
        head("Eva Braun <eva@posteo.example>", "Widerspruch", "tb3@posteo.example", TBIRD)
        + 'Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="sig1"\n\n'
        + "--sig1\nContent-Type: text/plain; charset=UTF-8\n\nHiermit lege ich Widerspruch ein.\n\n"
        + '--sig1\nContent-Type: application/pgp-signature; name="OpenPGP_signature.asc"\n'
        + 'Content-Disposition: attachment; filename="OpenPGP_signature.asc"\n\n'
        + "-----BEGIN PGP SIGNATURE-----\n\nwsF5BAABCAAjFiEE\n-----END PGP SIGNATURE-----\n\n--sig1--\n",
        contains=["Hiermit lege ich Widerspruch ein."],
        signed=True,
    )
    add(
        "thunderbird_smime_signed",
        head(
            "Dr. Ulrich Hahn <u.hahn@kanzlei.example>", "Schriftsatz", "tb4@kanzlei.example", TBIRD
        )
        + 'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="ms01"\n\n'
        + "This is a cryptographically signed message in MIME format.\n\n--ms01\n"
        + 'Content-Type: multipart/mixed; boundary="mix01"\n\n--mix01\nContent-Type: text/plain; charset=UTF-8\n\n'
        + "Anbei unser Schriftsatz in der Sache Müller.\n\n--mix01\n"
        + 'Content-Type: application/pdf; name="Schriftsatz.pdf"\nContent-Disposition: attachment; filename="Schriftsatz.pdf"\n'
        + "Content-Transfer-Encoding: base64\n\n"
        + b64(PDF)
        + "\n--mix01--\n\n--ms01\n"
        + 'Content-Type: application/pkcs7-signature; name="smime.p7s"\nContent-Disposition: attachment; filename="smime.p7s"\n'
        + "Content-Transfer-Encoding: base64\n\n"
        + b64(b"\x30\x82\x05\x00fake-signature-bytes")
        + "\n--ms01--\n",
        contains=["Anbei unser Schriftsatz in der Sache Müller."],
        files=["Schriftsatz.pdf"],
        signed=True,
    )
    add(
        "thunderbird_forward_attached",
        head("Eva Braun <eva@posteo.example>", "Fwd: Bescheid", "tb5@posteo.example", TBIRD)
        + 'Content-Type: multipart/mixed; boundary="fw1"\n\n--fw1\nContent-Type: text/plain; charset=UTF-8\n\n'
        + "Ich leite Ihnen die Mail der Hausverwaltung weiter.\n\n--fw1\n"
        + 'Content-Type: message/rfc822; name="Hausverwaltung.eml"\nContent-Disposition: attachment; filename="Hausverwaltung.eml"\n\n'
        + "From: Hausverwaltung <hv@example.org>\nSubject: Heizung\nDate: Mon, 23 Nov 2026 08:00:00 +0100\n"
        + 'Content-Type: multipart/mixed; boundary="fw2"\n\n--fw2\nContent-Type: text/plain; charset=UTF-8\n\n'
        + "Die Heizung im Haus fällt ab Montag aus.\n\n--fw2\nContent-Type: application/pdf; name=Aushang.pdf\n"
        + "Content-Disposition: attachment; filename=Aushang.pdf\nContent-Transfer-Encoding: base64\n\n"
        + b64(PDF)
        + "\n--fw2--\n\n--fw1--\n",
        contains=[
            "Ich leite Ihnen die Mail der Hausverwaltung weiter.",
            "Die Heizung im Haus fällt ab Montag aus.",
            "Betreff: Heizung",
        ],
        files=["Aushang.pdf"],
    )


def mobile() -> None:
    add(
        "iphone_sent_from",
        head(
            "Nina Koch <nina.koch@icloud.example>",
            "Glascontainer voll",
            "iph1@icloud.example",
            IPHONE,
        )
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        + qp("Der Glascontainer am Markt ist voll.\n\nVon meinem iPhone gesendet\n"),
        contains=["Der Glascontainer am Markt ist voll."],
        absent=["Von meinem iPhone gesendet"],
    )
    add(
        "iphone_photo",
        head("Nina Koch <nina.koch@icloud.example>", "", "iph2@icloud.example", IPHONE)
        + 'Content-Type: multipart/mixed; boundary="Apple-Mail-1"\n\n--Apple-Mail-1\n'
        + "Content-Type: image/jpeg; name=image0.jpeg\nContent-Disposition: inline; filename=image0.jpeg\n"
        + "Content-Transfer-Encoding: base64\n\n"
        + b64(JPEG)
        + "\n--Apple-Mail-1--\n",
        contains=["(E-Mail ohne Text)"],
        files=["image0.jpg"],
    )
    add(
        "android_gmail",
        head(
            "Ali Yilmaz <ali.yilmaz@gmail.example>",
            "Bus Haltestelle",
            "and1@mail.gmail.example",
            ANDROID,
        )
        + 'Content-Type: multipart/alternative; boundary="and-b"\n\n--and-b\n'
        + 'Content-Type: text/plain; charset="UTF-8"\n\nDas Wartehäuschen an der Haltestelle Hbf ist beschädigt.\n\n'
        + '--and-b\nContent-Type: text/html; charset="UTF-8"\n\n<div dir="auto">Das Wartehäuschen an der Haltestelle Hbf ist beschädigt.</div>\n--and-b--\n',
        contains=["Das Wartehäuschen an der Haltestelle Hbf ist beschädigt."],
    )
    add(
        "samsung_latin1",
        (
            head(
                "Sven Lorenz <sven@freenet.example>",
                "Hundekot",
                "sam1@freenet.example",
                "X-Mailer: Samsung Mail",
            )
            + "Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
        ).encode()
        + "Auf dem Gehweg vor der Grundschule liegt täglich Hundekot. Größeres Problem!\n".encode(
            "latin-1"
        ),
        contains=["liegt täglich Hundekot. Größeres Problem!"],
    )
    add(
        "mobile_short",
        head("K. <k@mobil.example>", "Ampel", "mob1@mobil.example", "X-Mailer: K-9 Mail")
        + "Content-Type: text/plain; charset=utf-8\n\nAmpel Moselring aus\n",
        contains=["Ampel Moselring aus"],
    )
    add(
        "mobile_outlook_ios",
        head(
            "Frank Wolf <f.wolf@outlook.example>",
            "Wasser im Keller",
            "mob2@outlook.example",
            "X-Mailer: Outlook for iOS",
        )
        + 'Content-Type: text/html; charset="us-ascii"\n\n<html><body><div>Nach dem Regen steht Wasser im Keller, der Kanal ist verstopft.</div>'
        + '<div id="ms-outlook-mobile-signature">Get <a href="https://aka.ms/o0ukef">Outlook for iOS</a></div></body></html>\n',
        contains=["Nach dem Regen steht Wasser im Keller, der Kanal ist verstopft."],
    )


def charsets() -> None:
    cases = [
        (
            "charset_iso8859_15_qp",
            "iso-8859-15",
            "quoted-printable",
            "Die Gebühr von 12 € ist zu hoch.",
        ),
        (
            "charset_cp1252_8bit",
            "windows-1252",
            "8bit",
            "Sie sagten „bald“ – das war vor drei Wochen.",
        ),
        ("charset_utf8_base64", "utf-8", "base64", "Grüße aus Güls: die Brücke ist gesperrt."),
        ("charset_koi8r", "koi8-r", "8bit", "Здравствуйте, мусор не вывезли."),
        ("charset_shift_jis", "shift_jis", "base64", "ゴミの収集日を教えてください。"),
        (
            "charset_iso8859_2",
            "iso-8859-2",
            "quoted-printable",
            "Dzień dobry, proszę o informację.",
        ),
        ("charset_big5", "big5", "base64", "請問垃圾何時收集"),
        ("charset_utf16", "utf-16", "base64", "Anfrage in UTF-16: Öffnungszeiten?"),
    ]
    for name, charset, encoding, text in cases:
        payload = (text + "\n").encode(charset)
        if encoding == "base64":
            body = b64(payload).encode()
        elif encoding == "quoted-printable":
            body = quopri.encodestring(payload)
        else:
            body = payload
        add(
            name,
            (
                head("Leser <leser@example.org>", f"Test {charset}", f"{name}@example.org")
                + f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {encoding}\n\n"
            ).encode()
            + body
            + b"\n",
            contains=[text],
        )
    add(
        "charset_unknown_label",
        (
            head("Leser <leser@example.org>", "Test", "unknown@example.org")
            + "Content-Type: text/plain; charset=x-unknown-charset\nContent-Transfer-Encoding: 8bit\n\n"
        ).encode()
        + "Straße gesperrt\n".encode(),
        contains=["Straße gesperrt"],
    )
    add(
        "charset_mislabelled_ascii",
        (
            head("Leser <leser@example.org>", "Test", "mislabel@example.org")
            + "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 8bit\n\n"
        ).encode()
        + "Müllabfuhr vergessen\n".encode(),
        contains=["Müllabfuhr vergessen"],
    )
    add(
        "charset_no_mime_latin1",
        b"From: alt@example.org\nTo: buergerservice@koblenz.example\nSubject: ohne MIME\nMessage-ID: <nomime@example.org>\n\n"
        + "Schöne Grüße ohne MIME-Kopf\n".encode("latin-1"),
        contains=["Sch"],
    )


def bounces() -> None:
    def dsn(
        name: str, sender: str, status: str, recipient: str, diagnostic: str, original: str
    ) -> None:
        add(
            name,
            f"From: Mail Delivery System <{sender}>\nTo: anliegen@koblenz.example\n"
            f"Subject: Undelivered Mail Returned to Sender\nMessage-ID: <{name}@mx.example>\n"
            "Date: Tue, 24 Nov 2026 09:15:00 +0100\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"\n\n'
            "--dsn\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
            "--dsn\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example\n\n"
            f"Final-Recipient: rfc822; {recipient}\nAction: failed\nStatus: {status}\n"
            f"Diagnostic-Code: smtp; {diagnostic}\n\n"
            "--dsn\nContent-Type: text/rfc822-headers\n\n"
            f"From: anliegen@koblenz.example\nTo: {recipient}\nMessage-ID: <{original}>\nSubject: Ihr Anliegen\n\n--dsn--\n",
            state="bounce",
            bounce=recipient,
        )

    dsn(
        "bounce_postfix",
        "MAILER-DAEMON@mx.example",
        "5.1.1",
        "weg@example.org",
        "550 5.1.1 User unknown",
        "gone1@koblenz.example",
    )
    dsn(
        "bounce_exchange",
        "postmaster@outlook.example",
        "5.2.2",
        "voll@outlook.example",
        "552 5.2.2 Mailbox full",
        "gone2@koblenz.example",
    )
    dsn(
        "bounce_delayed",
        "MAILER-DAEMON@mx.example",
        "4.4.1",
        "langsam@example.org",
        "451 4.4.1 try again",
        "gone3@koblenz.example",
    )
    dsn(
        "bounce_gmail",
        "mailer-daemon@googlemail.example",
        "5.7.1",
        "spam@gmail.example",
        "550 5.7.1 rejected",
        "gone4@koblenz.example",
    )
    add(
        "bounce_plain_mailer_daemon",
        "From: MAILER-DAEMON@alt.example\nTo: anliegen@koblenz.example\nSubject: failure notice\n"
        "Message-ID: <bounceplain@alt.example>\nDate: Tue, 24 Nov 2026 09:15:00 +0100\n\n"
        "Hi. This is the qmail-send program. I'm afraid I wasn't able to deliver your message.\n"
        "<alt@alt.example>:\nSorry, no mailbox here by that name.\n",
        state="bounce",
    )


def automatic() -> None:
    cases = [
        ("auto_precedence_bulk", "Precedence: bulk", "Newsletter November"),
        (
            "auto_list_id",
            "List-Id: <news.verein.example>\nList-Unsubscribe: <mailto:leave@verein.example>",
            "Vereinsnachrichten",
        ),
        ("auto_generated", "Auto-Submitted: auto-generated", "Systemmeldung"),
        ("auto_subject_only", "", "Abwesenheitsnotiz: Bin im Urlaub"),
        ("auto_x_autoreply", "X-Autoreply: yes", "Re: Anliegen"),
        ("auto_junk", "Precedence: junk", "Werbung"),
    ]
    for name, extra, subject in cases:
        add(
            name,
            head("Robot <robot@example.org>", subject, f"{name}@example.org", extra=extra)
            + "Content-Type: text/plain; charset=utf-8\n\nAutomatisch erzeugt.\n",
            state="auto_reply",
        )
    add(
        "auto_submitted_no",
        head(
            "Ina Fuchs <ina@example.org>", "Frage", "autono@example.org", extra="Auto-Submitted: no"
        )
        + "Content-Type: text/plain; charset=utf-8\n\nDas ist eine echte Frage zur Hundesteuer.\n",
        contains=["Das ist eine echte Frage zur Hundesteuer."],
    )
    add(
        "loop_from_own_address",
        head("Bürgerservice <anliegen@koblenz.example>", "Ihr Anliegen", "loop@koblenz.example")
        + "Content-Type: text/plain; charset=utf-8\n\nSchleife.\n",
        state="auto_reply",
    )


def huge_and_odd() -> None:
    long_text = "\n".join(
        f"Zeile {i}: Die Straße ist seit Wochen nicht gereinigt worden." for i in range(600)
    )
    add(
        "huge_text",
        head("Viel Schreiber <viel@example.org>", "Sehr lange Beschwerde", "huge1@example.org")
        + "Content-Type: text/plain; charset=utf-8\n\n"
        + long_text
        + "\n",
        contains=[
            "Zeile 0: Die Straße",
            "[Gekürzt; der vollständige Text bleibt in der Original-E-Mail.]",
        ],
        full=["Zeile 599: Die Straße"],
    )
    big_pdf = PDF + b"%" + b"x" * (4 * 1024 * 1024) + b"\n%%EOF\n"
    add(
        "huge_attachment",
        head("Viel Schreiber <viel@example.org>", "Großer Plan", "huge2@example.org")
        + 'Content-Type: multipart/mixed; boundary="hb"\n\n--hb\nContent-Type: text/plain; charset=utf-8\n\nDer Bauplan (4 MB).\n\n'
        + '--hb\nContent-Type: application/pdf; name="Bauplan.pdf"\nContent-Disposition: attachment; filename="Bauplan.pdf"\n'
        + "Content-Transfer-Encoding: base64\n\n"
        + b64(big_pdf)
        + "\n--hb--\n",
        contains=["Der Bauplan (4 MB)."],
        files=["Bauplan.pdf"],
    )
    too_big = PDF + b"x" * (11 * 1024 * 1024)
    add(
        "huge_attachment_rejected",
        head("Viel Schreiber <viel@example.org>", "Zu groß", "huge3@example.org")
        + 'Content-Type: multipart/mixed; boundary="hc"\n\n--hc\nContent-Type: text/plain; charset=utf-8\n\nEin sehr großes Dokument.\n\n'
        + '--hc\nContent-Type: application/pdf; name="Riesig.pdf"\nContent-Disposition: attachment; filename="Riesig.pdf"\n'
        + "Content-Transfer-Encoding: base64\n\n"
        + b64(too_big)
        + "\n--hc--\n",
        contains=["Ein sehr großes Dokument.", "Riesig.pdf"],
        files=[],
    )
    parts = [
        ("../../etc/passwd.pdf", "application/pdf", PDF, "passwd.pdf"),
        ("C:\\\\Users\\\\Max\\\\Desktop\\\\rechnung.pdf", "application/pdf", PDF, "rechnung.pdf"),
        ("virus.exe", "application/octet-stream", EXE, None),
        ("archiv.zip", "application/zip", ZIP, None),
        ("foto.pdf", "application/pdf", JPEG, "foto.jpg"),
    ]
    body = 'Content-Type: multipart/mixed; boundary="att"\n\n--att\nContent-Type: text/plain; charset=utf-8\n\nViele Anhänge.\n\n'
    for filename, ctype, content, _ in parts:
        body += f'--att\nContent-Type: {ctype}\nContent-Disposition: attachment; filename="{filename}"\nContent-Transfer-Encoding: base64\n\n{b64(content)}\n'
    body += "--att--\n"
    add(
        "attachments_unsafe_names",
        head("Max Muster <max@example.org>", "Unterlagen", "att1@example.org") + body,
        contains=["Viele Anhänge.", "virus.exe", "archiv.zip"],
        files=[p[3] for p in parts if p[3]],
    )
    add(
        "attachment_without_name",
        head("Max Muster <max@example.org>", "Scan", "att2@example.org")
        + 'Content-Type: multipart/mixed; boundary="nn"\n\n--nn\nContent-Type: text/plain; charset=utf-8\n\nDer Scan.\n\n'
        + "--nn\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
        + b64(PDF)
        + "\n--nn--\n",
        contains=["Der Scan."],
        files=["anhang.pdf"],
    )
    add(
        "html_script_sanitised",
        head("Hacker <h@example.org>", "<script>alert(1)</script>", "html1@example.org")
        + "Content-Type: text/html; charset=utf-8\n\n<html><head><script>steal()</script><style>body{}</style></head>"
        + '<body onload="evil()"><p>Sichtbarer Text.</p><img src="https://tracker.example/p.gif"><a href="javascript:x()">Link</a></body></html>\n',
        contains=["Sichtbarer Text."],
        absent=["steal()", "body{}"],
        html_absent=["<script", "onload", "javascript:", "tracker.example"],
    )
    add(
        "html_table_layout",
        head("Verein <info@verein.example>", "Anmeldung Straßenfest", "html2@verein.example")
        + "Content-Type: text/html; charset=utf-8\n\n<table><tr><td>Datum:</td><td>12.06.2027</td></tr><tr><td>Ort:</td><td>Altstadt</td></tr></table>"
        + "<p>Wir möchten das Straßenfest anmelden.</p>\n",
        contains=["Datum:", "12.06.2027", "Wir möchten das Straßenfest anmelden."],
    )
    add(
        "missing_message_id",
        "From: ohne@example.org\nTo: buergerservice@koblenz.example\nSubject: Ohne Kennung\nDate: Tue, 24 Nov 2026 09:15:00 +0100\n"
        "Content-Type: text/plain; charset=utf-8\n\nDiese Mail hat keine Message-ID.\n",
        contains=["Diese Mail hat keine Message-ID."],
    )
    add(
        "broken_base64",
        head("Kaputt <k@example.org>", "Defekt", "b64@example.org")
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nRGllIEtvZGllcnVuZyBpc3Qga2F1cHR0!!!###\n",
        contains=["Die Kodierung ist ka"],
    )
    add(
        "calendar_cancel",
        head(
            "Amt 67 <gruenflaechen@partner.example>", "Abgesagt: Ortstermin", "cal2@partner.example"
        )
        + "Content-Type: text/calendar; charset=utf-8; method=CANCEL\n\n"
        + "BEGIN:VCALENDAR\nMETHOD:CANCEL\nBEGIN:VEVENT\nSUMMARY:Ortstermin Baumfällung\nDTSTART:20261203\nEND:VEVENT\nEND:VCALENDAR\n",
        contains=["Termin: Ortstermin Baumfällung, Beginn 03.12.2026 (abgesagt)"],
    )
    add(
        "nested_multipart_deep",
        head("Tiefe <t@example.org>", "Verschachtelt", "deep@example.org")
        + 'Content-Type: multipart/mixed; boundary="l1"\n\n--l1\nContent-Type: multipart/mixed; boundary="l2"\n\n'
        + '--l2\nContent-Type: multipart/alternative; boundary="l3"\n\n--l3\nContent-Type: text/plain; charset=utf-8\n\nGanz tief drin.\n\n'
        + '--l3\nContent-Type: text/html; charset=utf-8\n\n<p>Ganz tief drin.</p>\n--l3--\n\n--l2\nContent-Type: text/plain; name="notiz.txt"\n'
        + 'Content-Disposition: attachment; filename="notiz.txt"\n\nEine Notiz als Datei.\n--l2--\n--l1--\n',
        contains=["Ganz tief drin."],
        files=["notiz.txt"],
    )


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.eml"):
        old.unlink()
    for build in (
        outlook,
        apple,
        gmail,
        thunderbird,
        mobile,
        charsets,
        bounces,
        automatic,
        huge_and_odd,
    ):
        build()
    (OUT / "expected.json").write_text(json.dumps(corpus, ensure_ascii=False, indent=1) + "\n")
    print(len(corpus), "fixtures")
