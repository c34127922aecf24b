# ruff: noqa: E501
"""Writes tests/email/fixtures/realworld/*.eml and expected.json (issue 22).

Mails the way broken or unusual clients really send them, written by hand for this project:
unfolded header lines, bare LF, 8-bit headers, broken multipart boundaries, charsets that
are declared narrow and sent wide, mis-encoded file names, the quote and forward markers of
the common clients, and machine mail. Run: python tests/email/make_realworld.py
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "fixtures" / "realworld"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HOF = "Hofjägeralle Wasserschaden.jpg"
corpus: dict[str, dict[str, object]] = {}


def b64(data: bytes) -> str:
    text = base64.b64encode(data).decode()
    return "\n".join(text[i : i + 76] for i in range(0, len(text), 76))


def add(name: str, raw: str | bytes, *, crlf: bool = True, **expect: object) -> None:
    """Store one mail; ``expect`` holds the fields the corpus test checks (see test_realworld)."""
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if crlf:
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    corpus[name] = {"state": "processed", "contains": [], "absent": [], "files": [], **expect}
    (OUT / f"{name}.eml").write_bytes(data)


def top(sender: str, subject: str, mid: str, extra: str = "") -> str:
    return (
        f"From: {sender}\nTo: Bürgerservice <buergerservice@koblenz.example>\nSubject: {subject}\n"
        f"Date: Wed, 02 Dec 2026 08:30:00 +0100\nMessage-ID: <{mid}>\nMIME-Version: 1.0\n{extra}"
    )


def jpeg_part(boundary: str, disposition: str) -> str:
    return (
        f"--{boundary}\nContent-Type: image/jpeg\nContent-Transfer-Encoding: base64\n"
        f"Content-Disposition: {disposition}\n\n{b64(JPEG)}\n"
    )


def headers() -> None:
    add(
        "unfolded_subject_and_from",
        "Return-Path: <k.schneider@web.example>\nMessage-ID: <unf1@web.example>\n"
        "Subject: AW: Ihr Antrag auf Wohngeld\nvom 12. November 2026\n"
        'From: "Schneider,\nKarin" <k.schneider@web.example>\nTo: buergerservice@koblenz.example\n'
        "Date: Wed, 02 Dec 2026 09:00:00 +0100\nContent-Type: text/plain; charset=utf-8\n\n"
        "Guten Tag, anbei die fehlenden Unterlagen zum Wohngeldantrag.\n",
        sender="k.schneider@web.example",
        sender_name="Schneider, Karin",
        subject="AW: Ihr Antrag auf Wohngeld vom 12. November 2026",
        contains=["die fehlenden Unterlagen zum Wohngeldantrag"],
    )
    add(
        "bare_lf_only",
        top("Olaf Brandt <olaf@brandt.example>", "Laterne Moselweißer Straße", "lf1@brandt.example")
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        "Die Laterne vor Nummer 40 flackert seit Tagen.\n\nOlaf Brandt\n",
        crlf=False,
        sender="olaf@brandt.example",
        sender_name="Olaf Brandt",
        subject="Laterne Moselweißer Straße",
        contains=["Die Laterne vor Nummer 40 flackert seit Tagen."],
    )
    add(
        "header_8bit_latin1",
        top(
            "Jürgen Weiß <jweiss@gmx.example>", "Gehweg in der Schloßstraße", "l1@gmx.example"
        ).encode("latin-1")
        + b"Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
        + "Der Gehweg vor der Schloßstraße 3 ist abgesackt.\n".encode("latin-1"),
        sender="jweiss@gmx.example",
        sender_name="Jürgen Weiß",
        subject="Gehweg in der Schloßstraße",
        contains=["Der Gehweg vor der Schloßstraße 3 ist abgesackt."],
    )
    add(
        "header_8bit_utf8",
        top(
            "Zoë Müller-Lüdenscheidt <zoe@posteo.example>",
            "Überweisung für Hundesteuer",
            "u8@posteo.example",
        )
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        "Ich habe die Hundesteuer doppelt überwiesen.\n",
        sender="zoe@posteo.example",
        sender_name="Zoë Müller-Lüdenscheidt",
        subject="Überweisung für Hundesteuer",
        contains=["Ich habe die Hundesteuer doppelt überwiesen."],
    )


def multipart() -> None:
    add(
        "boundary_parameter_missing",
        top("Ina Vogt <ina.vogt@web.example>", "Foto vom Schlagloch", "bm1@web.example")
        + "Content-Type: multipart/mixed\n\nThis is a multi-part message in MIME format.\n"
        "--XyZ0815\nContent-Type: text/plain; charset=utf-8\n\n"
        "Das Schlagloch in der Rizzastraße wird immer größer, Foto anbei.\n"
        + jpeg_part("XyZ0815", 'attachment; filename="schlagloch.jpg"')
        + "--XyZ0815--\n",
        sender="ina.vogt@web.example",
        subject="Foto vom Schlagloch",
        contains=["Das Schlagloch in der Rizzastraße wird immer größer"],
        files=["schlagloch.jpg"],
    )
    add(
        "boundary_parameter_wrong",
        top("Ina Vogt <ina.vogt@web.example>", "Nochmal das Foto", "bm2@web.example")
        + 'Content-Type: multipart/mixed; boundary="----=_Part_1"\n\n'
        "------=_Part_2\nContent-Type: text/plain; charset=utf-8\n\nZweiter Versuch mit Foto.\n"
        + jpeg_part("----=_Part_2", 'attachment; filename="foto2.jpg"')
        + "------=_Part_2--\n",
        sender="ina.vogt@web.example",
        contains=["Zweiter Versuch mit Foto."],
        files=["foto2.jpg"],
    )
    add(
        "boundary_never_used",
        top("Rolf Kaiser <rk@kaiser.example>", "Parkausweis", "bm3@kaiser.example")
        + 'Content-Type: multipart/alternative; boundary="nie-benutzt"\n\n'
        "Ich brauche einen neuen Anwohnerparkausweis für die Altstadt.\n",
        sender="rk@kaiser.example",
        contains=["Ich brauche einen neuen Anwohnerparkausweis für die Altstadt."],
    )
    add(
        "leaf_type_with_boundary",  # declared text/html, really split by its boundary
        top("Rolf Kaiser <rk@kaiser.example>", "Sperrmüll", "bm5@kaiser.example")
        + 'Content-Type: text/html; boundary="--0815teil"\n\n'
        "----0815teil\nContent-Type: text/plain; charset=utf-8\n\n"
        "Der Sperrmüll in der Löhrstraße liegt seit einer Woche.\n"
        + jpeg_part("--0815teil", 'attachment; filename="sperrmuell.jpg"')
        + "----0815teil--\n",
        sender="rk@kaiser.example",
        contains=["Der Sperrmüll in der Löhrstraße liegt seit einer Woche."],
        absent=["Content-Type", "0815teil"],
        files=["sperrmuell.jpg"],
    )
    add(
        "forward_container_unparsed",
        top("Rolf Kaiser <rk@kaiser.example>", "WG: Parkausweis", "bm4@kaiser.example")
        + 'Content-Type: multipart/mixed; boundary="aussen"\n\n--aussen\n'
        "Content-Type: text/plain; charset=utf-8\n\nSiehe unten.\n--aussen\n"
        'Content-Type: multipart/related; boundary="innen-fehlt"\n\n'
        "Weitergeleitet: bitte den Ausweis an die neue Adresse schicken.\n--aussen--\n",
        sender="rk@kaiser.example",
        contains=["Siehe unten.", "bitte den Ausweis an die neue Adresse schicken"],
    )


def charsets() -> None:
    def body(
        name: str,
        charset: str,
        text: str,
        declared: str,
        subject: str = "Anfrage",
        **expect: Any,
    ) -> None:
        add(
            name,
            top("Test Person <person@example.org>", subject, f"{name}@example.org").encode()
            + f"Content-Type: text/plain; charset={declared}\nContent-Transfer-Encoding: base64\n\n".encode()
            + b64(text.encode(charset)).encode()
            + b"\n",
            contains=[text.strip()],
            **expect,
        )

    body("gb2312_with_gbk_character", "gb18030", "您好，朱镕基路的路灯坏了。", "gb2312")
    body("gbk_label_gb18030_character", "gb18030", "请修理𠀀号楼前的水管。", "gbk")
    body("latin1_label_cp1252_bytes", "cp1252", "Kosten 25 € – „dringend“ bitte.", "iso-8859-1")
    body("ascii_label_utf8_bytes", "utf-8", "Grüße aus Güls, die Brücke ist gesperrt.", "us-ascii")
    body(
        "shift_jis_label_cp932_characters",
        "cp932",
        "①番のゴミ集積所について㈱から連絡がありました。",
        "shift_jis",
    )
    body("iso2022jp_halfwidth_katakana", "iso2022_jp_ext", "ｺﾞﾐ収集日について", "iso-2022-jp")
    # Windows (CP50220) writes the NEC circled digit as a JIS X 0208 pair of row 13: 7-bit
    # bytes a strict decoder refuses and a UTF-8 fallback shows as escape codes.
    add(
        "iso2022jp_windows_nec_row13",
        top("Suzuki <suzuki@example.jp>", "Frage", "nec13@example.jp").encode()
        + b"Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n"
        + b"\x1b$B-!HV$N\x1b(B Parkplatz\n",
        contains=["①番の Parkplatz"],
        absent=["$B"],
    )
    body("iso2022jp_plain", "iso2022_jp", "ゴミの収集日を教えてください。", "ISO-2022-JP")
    word = base64.b64encode("朱镕基路".encode("gb18030")).decode()
    first, second = word[:4], word[4:]
    add(
        "subject_words_split_multibyte",
        top(
            "Li Wei <li.wei@example.org>",
            f"=?gb2312?B?{first}?= =?gb2312?B?{second}?=",
            "split@example.org",
        )
        + "Content-Type: text/plain; charset=utf-8\n\nBitte um Rückruf.\n",
        subject="朱镕基路",
        contains=["Bitte um Rückruf."],
    )
    jis = base64.b64encode("駐車場の件".encode("iso2022_jp")).decode()
    add(
        "subject_iso2022jp_word",
        top("Tanaka <tanaka@example.jp>", f"=?ISO-2022-JP?B?{jis}?=", "jpsub@example.jp")
        + "Content-Type: text/plain; charset=utf-8\n\nKurze Frage zum Parkplatz.\n",
        subject="駐車場の件",
        sender_name="Tanaka",
        contains=["Kurze Frage zum Parkplatz."],
    )


def filenames() -> None:
    def mail(name: str, disposition: bytes, **expect: Any) -> None:
        add(
            name,
            top(
                "Maria Hofmann <m.hofmann@web.example>",
                "Wasserschaden Hofjägerallee",
                f"{name}@web.example",
            ).encode()
            + b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n'
            + f"Im Keller steht Wasser, Foto anbei ({name}).\n".encode()
            + b"--b\nContent-Type: image/jpeg\nContent-Transfer-Encoding: base64\nContent-Disposition: "
            + disposition
            + b"\n\n"
            + b64(JPEG).encode()
            + b"\n--b--\n",
            contains=["Im Keller steht Wasser"],
            files=[HOF],
            **expect,
        )

    mail("filename_rfc2231", b"attachment; filename*=utf-8''Hofj%C3%A4geralle%20Wasserschaden.jpg")
    mail(
        "filename_rfc2231_continuations",
        b"attachment;\n filename*0*=UTF-8''Hofj%C3%A4ger;\n filename*1*=alle%20Wassersch;\n filename*2=aden.jpg",
    )
    mail(
        "filename_rfc2231_wrong_charset",
        b"attachment; filename*=utf-8''Hofj%E4geralle%20Wasserschaden.jpg",
    )
    mail("filename_raw_utf8", b'attachment; filename="' + HOF.encode() + b'"')
    mail("filename_raw_latin1", b'attachment; filename="' + HOF.encode("latin-1") + b'"')
    encoded = base64.b64encode(HOF.encode()).decode()
    mail(
        "filename_encoded_word_in_quotes", f'attachment; filename="=?UTF-8?B?{encoded}?="'.encode()
    )
    mail(
        "filename_only_in_content_type_latin1_word",
        b"inline",
        sender_name="Maria Hofmann",
    )
    raw = (OUT / "filename_only_in_content_type_latin1_word.eml").read_bytes()
    raw = raw.replace(
        b"Content-Type: image/jpeg\r\n",
        b'Content-Type: image/jpeg; name="=?iso-8859-1?Q?Hofj=E4geralle_Wasserschaden.jpg?="\r\n',
    )
    (OUT / "filename_only_in_content_type_latin1_word.eml").write_bytes(raw)


OURS = "Bürgerservice Stadt Koblenz <buergerservice@koblenz.example>"
OUR_TEXT = "vielen Dank für Ihre Nachricht, wir prüfen den Vorgang."
NEIGHBOUR = "Seit drei Wochen parkt ein Wohnwagen ohne Kennzeichen vor der Einfahrt."


def quotes() -> None:
    """Replies fold our own earlier mail; forwards keep what the citizen passes on."""

    def mail(
        name: str, subject: str, own: str, history: str, *, client: str = "", **expect: Any
    ) -> None:
        add(
            name,
            top("Eva Lang <eva.lang@web.example>", subject, f"{name}@web.example", client)
            + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
            + own
            + "\n\n"
            + history,
            sender="eva.lang@web.example",
            sender_name="Eva Lang",
            subject=subject,
            **expect,
        )

    def reply(name: str, subject: str, history: str, **kw: Any) -> None:
        own = f"Die Unterlagen reiche ich bis Freitag nach ({name}).\n\nEva Lang"
        mail(
            name,
            subject,
            own,
            history,
            contains=["Die Unterlagen reiche ich bis Freitag nach"],
            absent=[OUR_TEXT],
            quoted=[OUR_TEXT],
            **kw,
        )

    def forward(name: str, subject: str, history: str, **kw: Any) -> None:
        own = "Zur Kenntnis, bitte kümmern Sie sich darum."
        mail(
            name, subject, own, history, contains=["bitte kümmern Sie sich darum", NEIGHBOUR], **kw
        )

    outlook = "X-Mailer: Microsoft Outlook 16.0\n"
    reply(
        "outlook_de_separator_reply",
        "AW: Ihr Wohngeldantrag",
        f"-----Ursprüngliche Nachricht-----\nVon: {OURS}\nGesendet: Dienstag, 1. Dezember 2026 10:15\n"
        f"An: Eva Lang <eva.lang@web.example>\nBetreff: Ihr Wohngeldantrag\n\nSehr geehrte Frau Lang,\n{OUR_TEXT}\n",
        client=outlook,
    )
    reply(
        "outlook_de_header_block_reply",
        "AW: Ihr Wohngeldantrag",
        f"________________________________\nVon: {OURS}\nGesendet: Dienstag, 1. Dezember 2026 10:15\n"
        f"An: Eva Lang\nBetreff: Ihr Wohngeldantrag\n\n{OUR_TEXT}\n",
        client=outlook,
    )
    reply(
        "outlook_en_header_block_reply",
        "RE: Your application",
        f"From: {OURS}\nSent: Tuesday, December 1, 2026 10:15 AM\nTo: Eva Lang\n"
        f"Subject: Your application\n\n{OUR_TEXT}\n",
        client=outlook,
    )
    forward(
        "outlook_de_separator_forward",
        "WG: Wohnwagen vor der Einfahrt",
        "-----Ursprüngliche Nachricht-----\nVon: Nachbar Kurt <kurt@example.org>\n"
        f"Gesendet: Montag, 30. November 2026 18:02\nAn: Eva Lang\nBetreff: Wohnwagen\n\n{NEIGHBOUR}\n",
        client=outlook,
    )
    tb = "User-Agent: Mozilla Thunderbird\n"
    reply(
        "thunderbird_de_reply",
        "Re: Ihr Wohngeldantrag",
        f"Am 01.12.2026 um 10:15 schrieb Bürgerservice Stadt Koblenz:\n> Sehr geehrte Frau Lang,\n> {OUR_TEXT}\n",
        client=tb,
    )
    reply(
        "thunderbird_de_reply_wrapped_attribution",
        "Re: Ihr Wohngeldantrag",
        f"Am 01.12.2026 um 10:15 schrieb Bürgerservice der Stadt Koblenz\n<buergerservice@koblenz.example>:\n> {OUR_TEXT}\n",
        client=tb,
    )
    forward(
        "thunderbird_de_forward",
        "Fwd: Wohnwagen",
        "-------- Weitergeleitete Nachricht --------\nBetreff: \tWohnwagen\nDatum: \tMon, 30 Nov 2026 18:02:11 +0100\n"
        f"Von: \tNachbar Kurt <kurt@example.org>\nAn: \tEva Lang <eva.lang@web.example>\n\n{NEIGHBOUR}\n",
        client=tb,
    )
    apple = "X-Mailer: Apple Mail (2.3774.200.91.1.1)\n"
    reply(
        "apple_de_reply",
        "Re: Ihr Wohngeldantrag",
        f"> Am 01.12.2026 um 10:15 schrieb {OURS}:\n> \n> {OUR_TEXT}\n",
        client=apple,
    )
    forward(
        "apple_de_forward",
        "WG: Wohnwagen",
        "Anfang der weitergeleiteten Nachricht:\n\nVon: Nachbar Kurt <kurt@example.org>\nBetreff: Wohnwagen\n"
        f"Datum: 30. November 2026 um 18:02:11 MEZ\nAn: Eva Lang <eva.lang@web.example>\n\n{NEIGHBOUR}\n",
        client=apple,
    )
    forward(
        "apple_en_forward_from_iphone",
        "Fwd: Wohnwagen",
        "Sent from my iPhone\n\nBegin forwarded message:\n\n> From: Nachbar Kurt <kurt@example.org>\n"
        f"> Date: 30 November 2026 at 18:02:11 CET\n> To: Eva Lang\n> Subject: Wohnwagen\n> \n> {NEIGHBOUR}\n",
        client="X-Mailer: iPhone Mail (21F90)\n",
    )
    reply(
        "gmx_original_nachricht_reply",
        "Re: Ihr Wohngeldantrag",
        f"----- Original Nachricht ----\nVon:     {OURS}\nAn:      eva.lang@web.example\n"
        f"Datum:   01.12.2026 10:15\nBetreff: Ihr Wohngeldantrag\n\n{OUR_TEXT}\n",
    )
    forward(
        "gmx_original_nachricht_forward",
        "Fwd: Wohnwagen vor der Einfahrt",
        "----- Original Nachricht ----\nVon:     Nachbar Kurt <kurt@example.org>\nAn:      eva.lang@web.example\n"
        f"Datum:   30.11.2026 18:02\nBetreff: Wohnwagen\n\n{NEIGHBOUR}\n",
    )
    reply(
        "webde_gesendet_block_reply",
        "Aw: Ihr Wohngeldantrag",
        f'Gesendet: Dienstag, 01. Dezember 2026 um 10:15 Uhr\nVon: "Bürgerservice Stadt Koblenz" <buergerservice@koblenz.example>\n'
        f"An: eva.lang@web.example\nBetreff: Ihr Wohngeldantrag\n{OUR_TEXT}\n",
    )
    forward(
        "webde_gesendet_block_forward",
        "Fwd: Wohnwagen",
        'Gesendet: Montag, 30. November 2026 um 18:02 Uhr\nVon: "Nachbar Kurt" <kurt@example.org>\n'
        f"An: eva.lang@web.example\nBetreff: Wohnwagen\n{NEIGHBOUR}\n",
    )
    reply(
        "gmail_en_reply_wrapped",
        "Re: Ihr Wohngeldantrag",
        f"On Tue, Dec 1, 2026 at 10:15 AM Bürgerservice Stadt Koblenz <\nbuergerservice@koblenz.example> wrote:\n\n> {OUR_TEXT}\n>\n",
    )
    reply(
        "gmail_de_reply",
        "Re: Ihr Wohngeldantrag",
        f"Am Di., 1. Dez. 2026 um 10:15 Uhr schrieb {OURS}:\n\n> {OUR_TEXT}\n",
    )
    forward(
        "gmail_en_forward",
        "Fwd: Wohnwagen",
        "---------- Forwarded message ---------\nFrom: Nachbar Kurt <kurt@example.org>\n"
        f"Date: Mon, Nov 30, 2026 at 6:02 PM\nSubject: Wohnwagen\nTo: <eva.lang@web.example>\n\n\n{NEIGHBOUR}\n",
    )
    mail(
        "von_in_own_text_is_no_history",
        "Öffnungszeiten",
        "Laut Aushang ist das Bürgerbüro\nVon: 8 Uhr bis 12 Uhr geöffnet.",
        "Stimmt das auch samstags?\n",
        contains=["Von: 8 Uhr bis 12 Uhr geöffnet.", "Stimmt das auch samstags?"],
    )


def machines() -> None:
    """Machine mail without RFC 3834 headers: filed, no ticket, no receipt."""

    def machine(
        name: str,
        sender: str,
        subject: str,
        extra: str = "",
        text: str = "Automatisch erzeugte Nachricht.",
    ) -> None:
        add(
            name,
            top(sender, subject, f"{name}@machine.example", extra)
            + f"Content-Type: text/plain; charset=utf-8\n\n{text}\n",
            state="machine",
            subject=subject,
        )

    machine(
        "noreply_sender",
        "Stadtwerke Koblenz <noreply@stadtwerke.example>",
        "Ihre Zählerstandsmeldung",
    )
    machine(
        "no_reply_plus_sender", "Portal <no-reply+7f3a@notifications.example>", "Neue Anmeldung"
    )
    machine("donotreply_sender", "DoNotReply@bank.example", "Ihr Kontoauszug liegt bereit")
    machine(
        "ticket_system_subject",
        "Kreisverwaltung Servicedesk <service@kreis.example>",
        "[Ticket#2026120110000123] Ihre Anfrage ist eingegangen",
    )
    machine(
        "ticket_system_rt_subject",
        "Landesamt <anfragen@landesamt.example>",
        "[rt.landesamt.example #48213] AutoReply: Laterne",
    )
    machine(
        "ticket_system_znuny_mailer",
        "Servicedesk <servicedesk@landkreis.example>",
        "Ihre Anfrage",
        "X-Mailer: Znuny Mail Service (6.5.x)\n",
    )
    machine(
        "ticket_system_zammad_header",
        "Support <support@verein.example>",
        "Ihre Anfrage",
        "X-Zammad-Ticket-Number: 84012\n",
    )
    machine(
        "ticket_system_jira_header",
        "Helpdesk <jira@it-dienstleister.example>",
        "Vorgang angelegt",
        "X-JIRA-FingerPrint: 5b1c0e\n",
    )
    machine(
        "monitoring_nagios",
        "Nagios <nagios@monitor.example>",
        "** PROBLEM Service Alert: web01/HTTP is CRITICAL **",
    )
    machine(
        "monitoring_subject_only",
        "IT-Betrieb <it-betrieb@stadtwerke.example>",
        "** RECOVERY Host Alert: router2 is UP **",
    )
    machine(
        "monitoring_zabbix",
        "Überwachung <it@zweckverband.example>",
        "[Zabbix] Problem: Speicherplatz knapp auf srv3",
    )
    machine(
        "fax_gateway_sender",
        "Fax-Gateway <faxgateway@rathaus.example>",
        "Fax von +49 261 1290",
        text="Ein Fax mit 2 Seiten ist eingegangen.",
    )
    machine(
        "fax_subject_only",
        "FRITZ!Box <box@familie-roth.example>",
        "Telefax von 0261 98765",
        "X-Mailer: FRITZ!Box\n",
    )
    machine(
        "cron_daemon",
        "Cron Daemon <root@server.example>",
        "Cron <root@server> /usr/local/bin/sicherung",
    )
    machine(
        "mailing_list_digest",  # Mailman sets no List-Id on its digests' own envelope
        "stadtrat-request@listen.koblenz.example",
        "Stadtrat Sammelnachricht, Band 3, Nr. 12",
        "Sender: stadtrat-bounces@listen.koblenz.example\nX-Mailman-Version: 2.1.39\n",
    )
    machine(
        "mailing_list_owner",
        "owner-vereine@listen.example",
        "Ihre Nachricht an die Liste wartet auf Freigabe",
    )
    # A person with an address that merely looks automatic stays a concern.
    add(
        "person_not_machine",
        top(
            "Thomas Norep <t.norep@web.example>",
            "Mein Fax an Sie von gestern",
            "person@web.example",
        )
        + "Content-Type: text/plain; charset=utf-8\n\nHaben Sie mein Fax zum Ticket für den Bus bekommen?\n",
        sender="t.norep@web.example",
        contains=["Haben Sie mein Fax zum Ticket für den Bus bekommen?"],
    )
    add(
        "sender_no_valid_mailbox",
        top("Clement <clement@si>", "Hallo", "clement@web.example")
        + "Content-Type: text/plain; charset=utf-8\n\nBitte rufen Sie mich an.\n",
        sender="clement@si",
        contains=["Bitte rufen Sie mich an."],
        receipt=False,
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.eml"):
        old.unlink()
    headers()
    multipart()
    charsets()
    filenames()
    quotes()
    machines()
    (OUT / "expected.json").write_text(json.dumps(corpus, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(corpus)} mails written to {OUT}")


if __name__ == "__main__":
    main()
