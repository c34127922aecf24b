"""Small, general word lists: function words to ignore and everyday/English glosses.

The glosses do not name services. They map words that citizens use but catalogues rarely
contain (colloquial forms, abbreviations, English) to the official German words that
catalogues do contain, so that the catalogue's own synonyms can take it from there. Keys and
values are already folded (lower case, ß→ss, ä→ae, …).
"""

from __future__ import annotations

# Function words and e-mail filler. They carry no routing signal but, being frequent in
# long messages, would otherwise dilute the few words that do.
STOPWORDS: frozenset[str] = frozenset(
    """
    a ab aber alle allem allen aller alles als also am an andere anderen anderer anders auch auf
    aus bei beim bereits besten bin bis bisher bitte bitten bzw da dabei dadurch dafuer daher
    damit dank danke dann darf darueber darum das dass davon dazu dem den denen denn der deren
    des deshalb dich die dies diese diesem diesen dieser dieses dir doch dort du durch eben
    ein eine einem einen einer eines einfach einige einmal er es etwa etwas euch euer eure fuer
    gab ganz gar gegen gehabt gehen geht gerne gern gesagt getan gewesen gibt ging gleich
    gruss gruesse gruessen guten hab habe haben hallo hat hatte hatten heute hier hin hinter
    ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im immer in ins ist ja je jede jedem jeden
    jeder jedes jedoch jemand jetzt kann kein keine keinem keinen keiner koennen koennte
    koennten leider liebe lieber machen macht mal man mehr mein meine meinem meinen meiner
    meines mich mir mit moechte moechten muss muessen musste nach nachdem naechste nein
    nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen seiner seit
    sich sie sind so solche soll sollte sondern sonst tag ueber um und uns unser unsere
    unter viel viele vielen vielleicht vom von vor waere waeren war waren warum was weil weiter
    welche welchem welchen welcher wenn wer werde werden wie wieder will wir wird wo woche wollen
    wollte wuerde wuerden zu zum zur zwar zwischen geehrte geehrter geehrten damen herren
    freundlichen freundliche mfg lg vg beste viele hi hey moin servus anfrage frage fragen
    anliegen bezueglich betreff betr bzgl info informationen mitteilen mitteilung stadt
    stadtverwaltung verwaltung buergerservice team sg nochmal nochmals eigentlich irgendwie
    the and or of to in on at for is are was be it this that i my me we you your please
    hello dear thanks thank regards kind best can could would how what when where why do does
    have has with from about an as by not no yes hi
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# colloquial / abbreviated / English word → official words to add (never replaces the word).
GLOSSES: dict[str, str] = {
    # identity and registration
    "perso": "personalausweis",
    "persos": "personalausweis",
    "ausweis": "personalausweis",
    "id": "personalausweis",
    "idcard": "personalausweis",
    "passport": "reisepass",
    "pass": "reisepass",
    "kinderpass": "kinderreisepass",
    "umzug": "umzug anmelden",
    "umgezogen": "umzug wohnsitz anmelden",
    "zugezogen": "wohnsitz anmelden",
    "registration": "anmeldung",
    "register": "anmelden",
    "moved": "umzug",
    "move": "umzug",
    "address": "wohnsitz adresse",
    "certificate": "bescheinigung urkunde",
    "birth": "geburt",
    "marriage": "eheschliessung heirat",
    "married": "heiraten",
    "marry": "heiraten",
    "wedding": "hochzeit eheschliessung",
    "death": "sterbefall tod",
    "divorce": "scheidung",
    "citizenship": "staatsangehoerigkeit einbuergerung",
    "naturalisation": "einbuergerung",
    "naturalization": "einbuergerung",
    "residence": "aufenthalt",
    "permit": "erlaubnis aufenthaltstitel",
    "visa": "visum aufenthaltstitel",
    "visum": "aufenthaltstitel",
    # vehicles and traffic
    "knoellchen": "verwarnungsgeld bussgeld strafzettel",
    "strafzettel": "verwarnungsgeld bussgeld",
    "ticket": "verwarnungsgeld",
    "fine": "bussgeld verwarnungsgeld",
    "blitzer": "geschwindigkeit bussgeld",
    "geblitzt": "geschwindigkeit bussgeld",
    "speeding": "geschwindigkeit bussgeld",
    "auto": "fahrzeug kfz",
    "car": "auto fahrzeug kfz",
    "wagen": "fahrzeug",
    "karre": "auto fahrzeug",
    "pkw": "auto fahrzeug",
    "kfz": "fahrzeug",
    "vehicle": "fahrzeug",
    "plate": "kennzeichen",
    "plates": "kennzeichen",
    "nummernschild": "kennzeichen",
    "nummernschilder": "kennzeichen",
    "schild": "kennzeichen schild",
    "licence": "fuehrerschein",
    "license": "fuehrerschein",
    "driving": "fuehrerschein fahren",
    "lappen": "fuehrerschein",
    "lappens": "fuehrerschein",
    "fuehri": "fuehrerschein",
    "tuev": "hauptuntersuchung",
    "parking": "parken parkplatz",
    "parked": "parken falschparker",
    "falschparker": "falschparken parken",
    "zugeparkt": "falschparken einfahrt parken",
    "abschleppen": "abgeschleppt",
    "towed": "abgeschleppt",
    "bike": "fahrrad",
    "rad": "fahrrad",
    # street, waste, environment
    "street": "strasse",
    "road": "strasse",
    "pothole": "schlagloch",
    "loch": "schlagloch",
    "streetlight": "strassenbeleuchtung laterne",
    "lamp": "laterne",
    "light": "beleuchtung",
    "lampe": "laterne",
    "funzel": "laterne",
    "trash": "muell abfall",
    "garbage": "muell abfall",
    "rubbish": "muell abfall",
    "waste": "abfall muell",
    "litter": "muell",
    "muellsack": "muell",
    "dreck": "verschmutzung muell",
    "schrott": "sperrmuell",
    "graffiti": "graffiti schmiererei",
    "schmiererei": "graffiti",
    "tree": "baum",
    "trees": "baum",
    "noise": "laerm",
    "loud": "laerm",
    "krach": "laerm",
    "dog": "hund",
    "dogs": "hund",
    "hundekacke": "hundekot",
    "hundehaufen": "hundekot",
    "rats": "ratten",
    "rat": "ratten",
    "playground": "spielplatz",
    # family, social, tax, business
    "kita": "kindertagesstaette",
    "kiga": "kindergarten kindertagesstaette",
    "daycare": "kindertagesstaette kinderbetreuung",
    "kindergarden": "kindergarten",
    "kindergarten": "kindertagesstaette",
    "school": "schule",
    "child": "kind",
    "children": "kind",
    "kids": "kind",
    "hartz": "buergergeld sozialhilfe",
    "stuetze": "sozialhilfe buergergeld",
    "rent": "miete wohngeld",
    "housing": "wohnung",
    "benefit": "leistung",
    "tax": "steuer",
    "taxes": "steuer",
    "business": "gewerbe",
    "company": "gewerbe firma",
    "firma": "gewerbe",
    "laden": "gewerbe geschaeft",
    "shop": "gewerbe geschaeft",
    "bude": "gewerbe",
    "kneipe": "gaststaette",
    "restaurant": "gaststaette",
    "bar": "gaststaette",
    "building": "bau gebaeude",
    "gebaut": "bau",
    "baugenehmigung": "bauantrag",
    "lost": "verloren fundsache",
    "found": "fundsache gefunden",
    "stolen": "gestohlen",
    "appointment": "termin",
    "flat": "wohnung",
    "apartment": "wohnung",
    # everyday words for events and things that catalogues name officially
    "geklaut": "gestohlen diebstahl",
    "geklauet": "gestohlen diebstahl",
    "klauen": "stehlen diebstahl",
    "verstorben": "sterbefall tod",
    "gestorben": "sterbefall tod",
    "verstarb": "sterbefall tod",
    "died": "sterbefall tod",
    "dead": "tot",
    "fuchs": "wildtier",
    "marder": "wildtier",
    "waschbaer": "wildtier",
    "wildschwein": "wildtier",
    "kastanie": "baum",
    "eiche": "baum",
    "linde": "baum",
    "ahorn": "baum",
    "buche": "baum",
    "pizzeria": "gaststaette",
    "imbiss": "gaststaette",
    "cafe": "gaststaette",
    "kiosk": "gewerbe geschaeft",
    "muelleimer": "papierkorb",
    "rollstuhl": "barrierefrei behinderung",
    "wheelchair": "barrierefrei behinderung",
    "hakenkreuz": "verfassungsfeindlich",
    "vote": "wahl",
    "election": "wahl",
    "disabled": "schwerbehindert behinderung",
    "born": "geburt",
    "baby": "geburt kind",
    "newborn": "geburt kind",
    "food": "lebensmittel",
    "temporary": "vorlaeufig kurzzeit",
    "replacement": "ersatz neu",
    "bin": "tonne",
    # official words for a defect or an overflow that citizens and other cities' category
    # lists use ("Spielgerät schadhaft", "Abfallbehälter überfüllt")
    "schadhaft": "defekt kaputt beschaedigt",
    "schadhafte": "defekt kaputt beschaedigt",
    "ueberfuellt": "voll",
    "uebervoll": "voll",
    "randvoll": "voll",
}
