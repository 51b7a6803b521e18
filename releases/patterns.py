"""The words press releases use, in English and Spanish, for what the extractor finds.

Lists rather than rules: a release that uses another word is fixed by adding it here.
Matching is case-insensitive unless said otherwise.
"""

import re

from events.enums import EventFormat, EventKind, KeyPointKind, OrganizationRole

ENGLISH_WORDS = {"the", "and", "of", "to", "in", "said", "was", "with", "for", "by"}
SPANISH_WORDS = {"el", "la", "los", "las", "de", "del", "y", "que", "en", "por", "con"}

# Verbs of saying, as they stand next to a quotation ("said Ana López", "afirmó").
SPEECH_VERBS = (
    "said",
    "says",
    "added",
    "explained",
    "stated",
    "noted",
    "stressed",
    "emphasized",
    "emphasised",
    "highlighted",
    "underlined",
    "remarked",
    "observed",
    "affirmed",
    "declared",
    "indicated",
    "pointed out",
    "concluded",
    "commented",
    "asserted",
    "insisted",
    "recalled",
    "warned",
    "dijo",
    "afirmó",
    "señaló",
    "expresó",
    "destacó",
    "agregó",
    "añadió",
    "indicó",
    "explicó",
    "manifestó",
    "aseguró",
    "subrayó",
    "resaltó",
    "enfatizó",
    "sostuvo",
    "declaró",
    "puntualizó",
    "mencionó",
    "comentó",
    "apuntó",
    "concluyó",
    "recordó",
    "precisó",
    "advirtió",
    "consideró",
    "mencionó",
)
SPEECH_VERB = re.compile(
    r"\b(?:" + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# He said, she added: the speaker is the one the release quoted last.
PRONOUNS = {"he", "she", "they", "él", "ella"}

HONORIFICS = (
    "Ambassador",
    "Embajador",
    "Embajadora",
    "Dr.",
    "Dra.",
    "Doctor",
    "Doctora",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Sr.",
    "Sra.",
    "Señor",
    "Señora",
    "Lic.",
    "Licenciado",
    "Licenciada",
    "Ing.",
    "Professor",
    "Prof.",
    "H.E.",
    "Hon.",
)
# Words of a post, never of a person's name ("IOM Director General António
# Vitorino": the name is what follows the last of them).
POST_WORDS = {
    word.casefold()
    for word in (
        "Director",
        "Directora",
        "Director-General",
        "General",
        "Deputy",
        "Minister",
        "Ministra",
        "Ministro",
        "Vice",
        "Vice-Minister",
        "Viceministro",
        "Viceministra",
        "Secretary",
        "Secretario",
        "Secretaria",
        "Undersecretary",
        "Subsecretario",
        "Subsecretaria",
        "President",
        "Presidente",
        "Presidenta",
        "Chief",
        "Jefe",
        "Jefa",
        "Head",
        "Coordinator",
        "Coordinador",
        "Coordinadora",
        "Officer",
        "Oficial",
        "Specialist",
        "Especialista",
        "Representative",
        "Representante",
        "Regional",
        "National",
        "Nacional",
        "Executive",
        "Ejecutivo",
        "Ejecutiva",
        "Senior",
        "Chair",
        "Commissioner",
        "Comisionado",
        "Comisionada",
        "Envoy",
        "Advisor",
        "Adviser",
        "Asesor",
        "Asesora",
        "Manager",
        "Gerente",
        "Consul",
        "Cónsul",
        "Mission",
        "Country",
        "Chancellor",
        "Canciller",
        "Ambassador",
        "Embajador",
        "Embajadora",
    )
}
# Nouns that make a capitalised phrase an organization's name.
ORGANIZATION_NOUNS = {
    word.casefold()
    for word in (
        "Ministry",
        "Ministerio",
        "Secretariat",
        "Secretaría",
        "Department",
        "Departamento",
        "Directorate",
        "Dirección",
        "Institute",
        "Instituto",
        "Office",
        "Oficina",
        "Organization",
        "Organisation",
        "Organización",
        "Agency",
        "Agencia",
        "Government",
        "Gobierno",
        "Embassy",
        "Embajada",
        "Commission",
        "Comisión",
        "Council",
        "Consejo",
        "Programme",
        "Program",
        "Programa",
        "University",
        "Universidad",
        "Bank",
        "Banco",
        "Fund",
        "Fondo",
        "Service",
        "Servicio",
        "Unit",
        "Unidad",
        "Authority",
        "Autoridad",
        "Network",
        "Red",
        "Union",
        "Unión",
        "Association",
        "Asociación",
        "Federation",
        "Federación",
        "Foundation",
        "Fundación",
        "Centre",
        "Center",
        "Centro",
        "Chancellery",
        "Cancillería",
        "Conference",
        "Conferencia",
        "Committee",
        "Comité",
        "Republic",
        "República",
        "Administration",
        "Administración",
        "Police",
        "Policía",
        "Court",
        "Corte",
        "Tribunal",
        "Parliament",
        "Congress",
        "Congreso",
        "Assembly",
        "Asamblea",
        "Group",
        "Grupo",
    )
}
# Small words inside a name ("Ministry of Foreign Affairs of Mexico", "Dirección
# General de Migración y Extranjería", "Juan de la Cruz").
CONNECTORS = {
    "of",
    "the",
    "and",
    "for",
    "on",
    "in",
    "de",
    "del",
    "la",
    "las",
    "los",
    "y",
    "e",
    "para",
    "sobre",
    "en",
    "da",
    "dos",
    "van",
    "von",
    "&",
}
NAME_PARTICLES = {"de", "del", "la", "las", "los", "y", "da", "dos", "van", "von"}
ARTICLES = {"the", "a", "an", "el", "la", "los", "las", "un", "una"}


def one_of(phrases, before=r"\b", after=r"\b"):
    """A pattern matching any of (pattern, value) `phrases`, each in a group of its
    own, so that chosen() can tell which one matched."""
    alternatives = "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(phrases))
    return re.compile(f"{before}(?:{alternatives}){after}", re.IGNORECASE)


def chosen(match):
    """The index, in the phrases of its one_of() pattern, of the phrase matched."""
    return next(int(name[1:]) for name, value in match.groupdict().items() if value)


# Roles in a meeting: the phrase that names them, longest first where one contains
# another ("co-organized by" before "organized by").
ROLE_PHRASES = [
    (
        r"under the (?:pro[- ]tempore presidency|presidency pro[- ]tempore) of",
        OrganizationRole.PRESIDENCY,
    ),
    (
        r"(?:bajo )?la presidencia pro[- ]t[eé]mpore (?:de|del|de la)",
        OrganizationRole.PRESIDENCY,
    ),
    (r"co-?organi[sz]ed by", OrganizationRole.CO_ORGANIZER),
    (r"jointly organi[sz]ed by", OrganizationRole.CO_ORGANIZER),
    (r"co-?organizad[oa]s? por", OrganizationRole.CO_ORGANIZER),
    (r"organi[sz]ed by", OrganizationRole.ORGANIZER),
    (r"organizad[oa]s? por", OrganizationRole.ORGANIZER),
    (r"hosted by", OrganizationRole.HOST),
    (r"con la anfitrionía de", OrganizationRole.HOST),
    (r"anfitrionad[oa] por", OrganizationRole.HOST),
    (r"convened by", OrganizationRole.CONVENER),
    (r"convocad[oa]s? por", OrganizationRole.CONVENER),
    (r"a convocatoria de", OrganizationRole.CONVENER),
    (r"supported by", OrganizationRole.SUPPORTER),
    (r"with the support of", OrganizationRole.SUPPORTER),
    (r"con el (?:apoyo|respaldo|acompañamiento) de", OrganizationRole.SUPPORTER),
    (r"apoyad[oa]s? por", OrganizationRole.SUPPORTER),
    (r"auspiciad[oa]s? por", OrganizationRole.SUPPORTER),
    (r"funded by", OrganizationRole.FUNDER),
    (r"financed by", OrganizationRole.FUNDER),
    (
        r"with (?:the )?(?:funding|financial support) (?:of|from)",
        OrganizationRole.FUNDER,
    ),
    (r"financiad[oa]s? por", OrganizationRole.FUNDER),
    (r"con (?:el )?financiamiento de", OrganizationRole.FUNDER),
    (r"con fondos de", OrganizationRole.FUNDER),
]
ROLE_PHRASE = one_of(ROLE_PHRASES, after="")
# "IOM, through its programme, supported the RCM": the organization first, then
# the verb of its role.
ROLE_VERBS = [
    (r"co-?organi[sz]ed|co-?organizó", OrganizationRole.CO_ORGANIZER),
    (r"organi[sz]ed|organizó", OrganizationRole.ORGANIZER),
    (r"hosted|acogió|fue anfitri[oó]n(?:a)? de", OrganizationRole.HOST),
    (r"convened|convocó", OrganizationRole.CONVENER),
    (r"supported|apoyó|respaldó|acompañó", OrganizationRole.SUPPORTER),
    (r"funded|financed|financió", OrganizationRole.FUNDER),
]
ROLE_VERB = one_of(ROLE_VERBS, before=r"\s*,?\s*")
# ", through the Mesoamerica Program": how an organization took its part.
THROUGH = re.compile(r"\s*,?\s*(?:through|a través de|por medio de)\s+", re.IGNORECASE)
# "and by ILO": the list goes on after a clause.
AND_BY = re.compile(r"\s*,?\s*(?:and|y)\s+(?:by|por)\s+", re.IGNORECASE)
LIST_AND = re.compile(
    r"\s*(?:,\s*(?:and|y|e)\s+|,\s*|\s+(?:and|y|e)\s+)", re.IGNORECASE
)

MEETING_NOUNS = [
    (r"vice-?ministerial meeting", EventKind.VICE_MINISTERIAL),
    (r"meeting of (?:the )?vice[- ]?ministers", EventKind.VICE_MINISTERIAL),
    (r"reuni[oó]n (?:anual )?viceministerial", EventKind.VICE_MINISTERIAL),
    (r"reuni[oó]n de (?:los )?viceministros", EventKind.VICE_MINISTERIAL),
    (r"working group", EventKind.WORKING_GROUP),
    (r"grupo de trabajo", EventKind.WORKING_GROUP),
    (r"liaison officers", EventKind.LIAISON_OFFICERS),
    (r"oficiales de enlace", EventKind.LIAISON_OFFICERS),
    (r"technical meeting", EventKind.TECHNICAL_MEETING),
    (r"reuni[oó]n t[eé]cnica", EventKind.TECHNICAL_MEETING),
    (r"workshop", EventKind.WORKSHOP),
    (r"taller", EventKind.WORKSHOP),
    (r"seminar", EventKind.SEMINAR),
    (r"webinar", EventKind.SEMINAR),
    (r"seminario", EventKind.SEMINAR),
    (r"conversatorio", EventKind.SEMINAR),
    (r"meeting", EventKind.OTHER),
    (r"reuni[oó]n", EventKind.OTHER),
    (r"forum", EventKind.OTHER),
    (r"foro", EventKind.OTHER),
    (r"encuentro", EventKind.OTHER),
    (r"dialogue", EventKind.OTHER),
    (r"di[aá]logo", EventKind.OTHER),
]
MEETING_NOUN = one_of(MEETING_NOUNS)

# "The 24th Regional Conference on Migration", "la XX Conferencia Regional sobre
# Migración", "la XXI Reunión Viceministerial": a meeting named by its number in a
# series. Case-sensitive: the name is capitalised, a Roman numeral in capitals.
ORDINAL = r"(?:\d{1,3}(?:st|nd|rd|th|\.?[ºª°]|[ao]\b)|[IVXLC]{1,7})"
SERIES_NOUN = (
    r"(?:Conference|Conferencia|Meeting|Reuni[oó]n|Workshop|Taller|Seminar|Seminario"
    r"|Forum|Foro|Encuentro|Summit|Cumbre)"
)
ORDINAL_NAME_WORD = (
    r"(?:[A-ZÁÉÍÓÚÑ][\w’'-]*|(?:of|the|and|for|on|de|del|la|las|los|y|e|para|sobre)\b)"
)
ORDINAL_TITLE = re.compile(
    rf"\b{ORDINAL}\s+(?=[A-ZÁÉÍÓÚÑ])(?:[A-ZÁÉÍÓÚÑ][\w’'-]*\s+)*?{SERIES_NOUN}\b"
    rf"(?:\s+{ORDINAL_NAME_WORD})*"
)

FORMATS = [
    (r"hybrid|h[ií]brid[oa]", EventFormat.HYBRID),
    (r"virtual(?:ly)?|online|en l[ií]nea|videoconferen(?:ce|cia)", EventFormat.VIRTUAL),
    (r"in person|in-person|presencial(?:mente)?", EventFormat.IN_PERSON),
]

MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|enero|febrero|marzo"
    r"|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
)
DASH = r"\s*[-–—]\s*"
DAY = r"[0-3]?\d"
YEAR = r"(?:19|20)\d\d"
# Each with named groups d1, m1, d2, m2, y (m2 and d1's month may be absent).
DATE_PATTERNS = [
    # 30 September – 2 October 2019; 30 de septiembre al 2 de octubre de 2019
    rf"(?P<d1>{DAY})(?:\s+de)?\s+(?P<m1>{MONTHS})(?:\s+(?:de\s+)?(?P<y1>{YEAR}))?"
    rf"(?:{DASH}|\s+(?:to|al|a|until|hasta el)\s+)(?P<d2>{DAY})(?:\s+de)?\s+"
    rf"(?P<m2>{MONTHS})(?:,?\s+(?:de\s+)?(?P<y>{YEAR}))?",
    # 4–5 September 2018; del 3 al 5 de septiembre; 4 and 5 September; 3 y 4 de
    rf"(?:(?:from|del|entre el)\s+)?(?P<d1>{DAY})(?:{DASH}|\s+(?:to|and|al|a|y|until)\s+)"
    rf"(?P<d2>{DAY})(?:\s+de)?\s+(?P<m2>{MONTHS})(?:,?\s+(?:de\s+)?(?P<y>{YEAR}))?",
    # September 4-5, 2018; September 30 – October 2
    rf"(?P<m1>{MONTHS})\s+(?P<d1>{DAY})(?:{DASH}|\s+(?:to|and|until)\s+)"
    rf"(?:(?P<m2>{MONTHS})\s+)?(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?",
    # (4-5/09), 4-5/09/2018
    rf"(?P<d1>{DAY}){DASH}(?P<d2>{DAY})/(?P<n2>[01]?\d)(?:/(?P<y>{YEAR}))?",
    # 4 September 2018; 4 de septiembre de 2018
    rf"(?P<d2>{DAY})(?:\s+de)?\s+(?P<m2>{MONTHS})(?:,?\s+(?:de\s+)?(?P<y>{YEAR}))?",
    # September 4, 2018
    rf"(?P<m2>{MONTHS})\s+(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?",
]
DATE = [re.compile(rf"\b{p}\b", re.IGNORECASE) for p in DATE_PATTERNS]

# Key figures: a number with its qualifier and unit, as the release words them.
QUALIFIERS = (
    r"over|more than|nearly|almost|about|around|approximately|some|at least|up to"
    r"|less than|fewer than|más de|cerca de|alrededor de|casi|unos|unas|al menos"
    r"|hasta|aproximadamente|menos de|mais de"
)
UNITS = (
    r"million|billion|thousand|per cent|percent|%|millones|millón|mil millones|mil"
    r"|por ciento"
)
NUMBER = r"\d{1,3}(?:[,.\s]\d{3})+|\d+(?:[.,]\d+)?"
CURRENCY = r"US\$|USD|US dollars|\$|€|EUR|dólares"
# Numbers in words, as releases write small ones and amounts ("seis millones").
WORD_NUMBERS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half a|un|una|uno"
    r"|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|medio|media"
)
FIGURE = re.compile(
    rf"(?<![\w$])(?:(?:{QUALIFIERS})\s+)?(?:(?:{CURRENCY})\s?)?"
    rf"(?:{NUMBER}\s*|(?:{WORD_NUMBERS})\s+)(?:{UNITS})"
    rf"(?:\s+(?:de\s+)?(?:{CURRENCY}))?(?![\w])",
    re.IGNORECASE,
)
# "its eleven member countries": how many members a process has.
MEMBER_COUNT = re.compile(
    rf"(?<![\w$])(?P<n>\d{{1,3}}|{WORD_NUMBERS})\s+(?P<label>member (?:countries|states"
    r"|governments)|pa[ií]ses miembros|Estados miembros)\b",
    re.IGNORECASE,
)
# "The 60 participants", "más de 130 participantes".
PARTICIPANTS = re.compile(
    rf"(?:(?P<q>{QUALIFIERS})\s+)?(?P<n>\d{{1,5}})\s+(?:participants|participantes|"
    r"delegates|delegados|representatives|representantes|attendees|asistentes)\b",
    re.IGNORECASE,
)
QUALIFIER_KINDS = {
    "more_than": ("over", "more than", "más de", "mais de"),
    "about": (
        "nearly",
        "almost",
        "about",
        "around",
        "approximately",
        "some",
        "cerca de",
        "alrededor de",
        "casi",
        "unos",
        "unas",
        "aproximadamente",
    ),
    "fewer_than": ("less than", "fewer than", "menos de"),
}

# A list a release gives of objectives, recommendations…: the word before its colon
# (or heading), and the kind of point each item is.
KEY_POINT_WORDS = [
    (r"general objective|objetivo general", KeyPointKind.GENERAL_OBJECTIVE),
    (
        r"specific objectives?|objetivos? espec[ií]ficos?",
        KeyPointKind.SPECIFIC_OBJECTIVE,
    ),
    (r"objectives|objetivos|aims|goals|metas", KeyPointKind.SPECIFIC_OBJECTIVE),
    (r"objective|objetivo|aim|purpose|prop[oó]sito", KeyPointKind.GENERAL_OBJECTIVE),
    (
        r"recommendations?|recommended|recomendaciones|recomendaron|recomendó",
        KeyPointKind.RECOMMENDATION,
    ),
    (r"challenges?|desaf[ií]os?|retos?", KeyPointKind.CHALLENGE),
    (r"conclusions?|conclusiones|concluded|concluyeron", KeyPointKind.CONCLUSION),
    (r"agreements?|agreed|acuerdos?|acordaron", KeyPointKind.AGREEMENT),
]
KEY_POINT_WORD = one_of(KEY_POINT_WORDS)
BULLET = re.compile(r"^\s*(?:[-•*·▪–]|\d{1,2}[.)]|[a-z][.)])\s+", re.MULTILINE)

PHOTO = re.compile(
    r"\b(?:photo|photograph|foto|fotografía|photo credit|crédito)\s*:\s*", re.IGNORECASE
)
CONTACT = re.compile(
    r"\b(?:(?:contacte|contactar)\s+a|comuníquese\s+con|please\s+contact|contact)\b\s*"
    r"|\b(?:contacto(?:\s+de\s+prensa)?|media\s+contact)\s*:\s*",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"(?:tel(?:ephone|éfono|efono)?\.?|phone|móvil|mobile|cel(?:ular)?\.?)\s*:?\s*"
    r"(?P<phone>\+?\(?\d[\d\s().-]{5,}\d)",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
