"""What seed_demo draws its meetings, people, organizations and statements from: the
span of years, places, names, titles, kinds with their weights, and sentences.

Changing anything here changes the data a seed gives (every list is drawn from in
order), so bench figures made before and after are not of the same data.
"""

import datetime

from events.enums import EventKind, Language, OrganizationRole
from people.enums import OrganizationKind

FIRST_DAY = datetime.date(1996, 1, 1)
LAST_DAY = datetime.date(2026, 12, 31)
# Posts start before the first meeting, so that early meetings have people in office.
FIRST_POST_DAY = datetime.date(1990, 1, 1)
LAST_POST_START = datetime.date(2024, 12, 31)

ENGLISH_SPEAKING = ("BZ", "CA", "US")
SPANISH_NAMES = {
    "BZ": "Belice",
    "CA": "Canadá",
    "DO": "República Dominicana",
    "MX": "México",
    "PA": "Panamá",
    "US": "Estados Unidos",
}
PLACES = {
    "BZ": [("Belize City", "America/Belize"), ("Belmopan", "America/Belize")],
    "CA": [
        ("Ottawa", "America/Toronto"),
        ("Montréal", "America/Toronto"),
        ("Vancouver", "America/Vancouver"),
    ],
    "CR": [("San José", "America/Costa_Rica"), ("Heredia", "America/Costa_Rica")],
    "DO": [
        ("Santo Domingo", "America/Santo_Domingo"),
        ("Punta Cana", "America/Santo_Domingo"),
    ],
    "SV": [
        ("San Salvador", "America/El_Salvador"),
        ("Santa Ana", "America/El_Salvador"),
    ],
    "GT": [
        ("Guatemala City", "America/Guatemala"),
        ("Antigua Guatemala", "America/Guatemala"),
        ("Quetzaltenango", "America/Guatemala"),
    ],
    "HN": [
        ("Tegucigalpa", "America/Tegucigalpa"),
        ("San Pedro Sula", "America/Tegucigalpa"),
    ],
    "MX": [
        ("Mexico City", "America/Mexico_City"),
        ("Tapachula", "America/Mexico_City"),
        ("Cancún", "America/Cancun"),
        ("Monterrey", "America/Monterrey"),
    ],
    "NI": [("Managua", "America/Managua"), ("León", "America/Managua")],
    "PA": [("Panama City", "America/Panama"), ("Colón", "America/Panama")],
    "US": [
        ("Washington, D.C.", "America/New_York"),
        ("Miami", "America/New_York"),
        ("New Orleans", "America/Chicago"),
        ("Los Angeles", "America/Los_Angeles"),
    ],
}
# The RCM secretariat's: for virtual meetings, and for a member country not in PLACES.
SECRETARIAT_TIME_ZONE = "America/Costa_Rica"
VENUES = [
    "Ministry of Foreign Affairs",
    "Hotel Barceló",
    "Hotel Real InterContinental",
    "Centro de Convenciones",
    "Palacio Nacional de la Cultura",
    "UN House",
    "Hotel Crowne Plaza",
]

# (name, as in an English sentence, as in a Spanish sentence)
TOPICS = [
    ("Labour mobility", "labour mobility", "la movilidad laboral"),
    ("Consular protection", "consular protection", "la protección consular"),
    (
        "Migrant children and adolescents",
        "the protection of migrant children",
        "la niñez y adolescencia migrante",
    ),
    ("Trafficking in persons", "trafficking in persons", "la trata de personas"),
    ("Migrant smuggling", "migrant smuggling", "el tráfico ilícito de migrantes"),
    (
        "Return and reintegration",
        "return and reintegration",
        "el retorno y la reintegración",
    ),
    ("Border management", "border management", "la gestión de fronteras"),
    (
        "Climate change and human mobility",
        "climate change and human mobility",
        "el cambio climático y la movilidad humana",
    ),
    ("Refugee protection", "refugee protection", "la protección de refugiados"),
    (
        "Remittances and development",
        "remittances and development",
        "las remesas y el desarrollo",
    ),
    (
        "Regular pathways",
        "regular migration pathways",
        "las vías regulares de migración",
    ),
    ("Migrant health", "the health of migrants", "la salud de las personas migrantes"),
    ("Migration statistics", "migration statistics", "las estadísticas migratorias"),
    ("Gender and migration", "gender and migration", "el género y la migración"),
    (
        "Extra-regional migration",
        "extra-regional migration",
        "la migración extrarregional",
    ),
    (
        "Public communication on migration",
        "public communication on migration",
        "la comunicación pública sobre migración",
    ),
]

SPANISH_GIVEN = [
    "José María", "María José", "Juan Pablo", "Ana Lucía", "José", "María", "Jesús",
    "Ángel", "Andrés", "Héctor", "Óscar", "Raúl", "Ramón", "Julián", "Martín", "Iván",
    "Sofía", "Inés", "Mónica", "Verónica", "Begoña", "Lucía", "Beatriz", "Patricia",
    "Carlos", "Luis", "Miguel", "Fernando", "Gabriela", "Alejandra", "Rocío", "Germán",
    "Tomás", "Nicolás", "Dolores", "Ximena", "Ernesto", "Rubén",
]  # fmt: skip
SPANISH_FAMILY = [
    "Díaz", "Núñez", "González", "Pérez", "Rodríguez", "Hernández", "Martínez", "López",
    "Sánchez", "Ramírez", "Gómez", "Jiménez", "Álvarez", "Muñoz", "Suárez", "Peña",
    "Castañeda", "Ibáñez", "Ordóñez", "Méndez", "Vásquez", "Chacón", "Solís", "Quirós",
    "Araúz", "Zúñiga", "Báez", "Cortés", "Valdés", "Gutiérrez", "Fernández", "Mejía",
    "Morales", "Reynoso", "Trigueros", "Orellana", "Chinchilla", "De León",
]  # fmt: skip
ENGLISH_GIVEN = [
    "John", "Sarah", "Michael", "Emily", "David", "Jennifer", "Robert", "Karen", "James",
    "Linda", "Andrew", "Olivia", "Kevin", "Grace", "Marie-Ève", "François", "Hélène",
    "Jérôme", "Geneviève", "Stéphane", "Dwayne", "Shanice", "Marlon", "Kimberly",
]  # fmt: skip
ENGLISH_FAMILY = [
    "Smith", "Johnson", "Williams", "Brown", "Campbell", "Thompson", "Martin", "Tremblay",
    "Gagnon", "Côté", "Bélanger", "Lévesque", "Young", "Flowers", "Usher", "Castillo",
    "Reyes", "Gordon", "Wright", "MacDonald", "O'Brien", "Nguyen", "Singh", "Chen",
]  # fmt: skip
HONORIFICS = ["Ambassador", "Dr.", "Minister", "Vice-Minister", "Lic."]

GOVERNMENT_BODIES = [
    "Ministry of Foreign Affairs",
    "Ministry of Labour and Social Welfare",
    "Ministry of the Interior",
    "Directorate General of Migration and Foreigners",
    "National Migration Institute",
    "Ministry of Public Security",
    "Ministry of Health",
    "Consular Service",
    "Office of the Ombudsman",
    "National Statistics Office",
    "Ministry of Social Development",
    "National Council for Migrant Children",
]
GOVERNMENT_TITLES_EN = [
    "Minister",
    "Vice-Minister",
    "Director General",
    "Deputy Director",
    "Head of the Consular Section",
    "Liaison Officer",
    "Legal Adviser",
    "Consul General",
    "Ambassador",
]
GOVERNMENT_TITLES_ES = [
    "Director General de Migración y Extranjería",
    "Viceministra de Relaciones Exteriores",
    "Jefa de Protección Consular",
    "Coordinador de Asuntos Migratorios",
    "Subdirectora de Atención al Migrante",
]
OTHER_TITLES = [
    "Regional Director",
    "Chief of Mission",
    "Programme Officer",
    "Labour Migration Specialist",
    "Protection Officer",
    "Executive Director",
    "Researcher",
    "Coordinator",
    "President",
    "Secretary General",
    "Senior Adviser",
]
# Organizations beyond the secretariat and one government per country, by kind.
ORGANIZATION_KINDS = {
    OrganizationKind.GOVERNMENT: 50,
    OrganizationKind.INTERGOVERNMENTAL: 8,
    OrganizationKind.CIVIL_SOCIETY: 16,
    OrganizationKind.ACADEMIC: 10,
    OrganizationKind.EMPLOYER: 4,
    OrganizationKind.TRADE_UNION: 4,
    OrganizationKind.DONOR: 4,
    OrganizationKind.PROGRAMME: 4,
}
# Organizations that organize, support or fund meetings, as opposed to hosting them.
PARTNER_KINDS = (
    OrganizationKind.INTERGOVERNMENTAL,
    OrganizationKind.CIVIL_SOCIETY,
    OrganizationKind.ACADEMIC,
    OrganizationKind.DONOR,
    OrganizationKind.PROGRAMME,
)
PARTNER_ROLES = [
    OrganizationRole.ORGANIZER,
    OrganizationRole.CO_ORGANIZER,
    OrganizationRole.SUPPORTER,
    OrganizationRole.FUNDER,
]
EVENT_KINDS = {
    EventKind.WORKSHOP: 30,
    EventKind.TECHNICAL_MEETING: 20,
    EventKind.WORKING_GROUP: 20,
    EventKind.LIAISON_OFFICERS: 10,
    EventKind.SEMINAR: 10,
    EventKind.VICE_MINISTERIAL: 5,
    EventKind.OTHER: 5,
}
EVENT_TITLES = {
    EventKind.WORKSHOP: "Regional Workshop on {topic}",
    EventKind.TECHNICAL_MEETING: "Technical Meeting on {topic}",
    EventKind.WORKING_GROUP: "Working Group on {topic}",
    EventKind.LIAISON_OFFICERS: "Meeting of the Liaison Officers Network on {topic}",
    EventKind.SEMINAR: "Seminar on {topic}",
    EventKind.VICE_MINISTERIAL: "Vice-Ministerial Meeting of the Regional Conference on Migration",
    EventKind.OTHER: "Regional Consultation on {topic}",
}

SENTENCES = {
    Language.SPANISH: [
        "{opener} {topic} exige una respuesta coordinada entre los países de la región.",
        "{opener} {topic} requiere políticas públicas integrales, planificadas y con enfoque de derechos humanos.",
        "La cooperación interinstitucional en {topic} también involucra al sector empleador, a los sindicatos y a la sociedad civil.",
        "Nuestro país ha fortalecido su trabajo en {topic} con más información y mejores estadísticas.",
        "Según {name}, la protección de las personas migrantes en {country} no admite más demoras.",
        "En {city} acordamos un plan de acción sobre {topic} que hoy muestra resultados.",
        "Más de {number} personas migrantes recibieron asistencia en {country} durante el último año.",
        "La niñez migrante no acompañada necesita protección consular y una atención diferenciada.",
        "Agradecemos el compromiso de {name} y del equipo técnico con la región.",
        "La migración ordenada, segura y regular es una responsabilidad compartida.",
        "Es urgente mejorar la coordinación en las fronteras sin perder de vista la dignidad humana.",
        "La próxima reunión técnica deberá revisar los avances en {topic}.",
    ],
    Language.ENGLISH: [
        "{opener} {topic} calls for a coordinated response from every country in the region.",
        "{opener} {topic} requires comprehensive, planned policies grounded in human rights.",
        "Inter-institutional cooperation on {topic} also involves employers, trade unions and civil society.",
        "My government has strengthened its work on {topic} with better data and more resources.",
        "As {name} reminded us, protecting migrants in {country} cannot wait.",
        "In {city} we agreed on an action plan on {topic} that is now showing results.",
        "More than {number} migrants received assistance in {country} last year.",
        "Unaccompanied migrant children need consular protection and specialised care.",
        "We thank {name} and the technical team for their commitment to the region.",
        "Safe, orderly and regular migration is a shared responsibility.",
        "Better coordination at the borders must go hand in hand with respect for human dignity.",
        "The next technical meeting should review progress on {topic}.",
    ],
}
OPENERS = {
    Language.SPANISH: [
        "",
        "Para {country},",
        "Como señaló {name},",
        "Desde la última reunión,",
        "En esta región,",
        "Según nuestra experiencia,",
    ],
    Language.ENGLISH: [
        "",
        "For {country},",
        "As {name} said,",
        "Since our last meeting,",
        "Across the region,",
        "In our experience,",
    ],
}
# Names quoted inside statements, so that searches for "Nunez" or "jose maria" find
# words in the text as well as speakers.
QUOTED_NAMES = {
    Language.SPANISH: [
        "José María Núñez",
        "María José Álvarez",
        "el embajador Díaz",
        "la doctora Ibáñez",
        "Ángel Peña",
        "Inés Zúñiga",
    ],
    Language.ENGLISH: [
        "José María Núñez",
        "Ambassador Díaz",
        "Minister Núñez",
        "Dr. Ibáñez",
        "Vice-Minister Peña",
        "Ms. Côté",
    ],
}
THOUSANDS_SEPARATOR = {Language.SPANISH: ".", Language.ENGLISH: ","}

SECRETARIAT = "Technical Secretariat of the Regional Conference on Migration"
# Parts of the names of intergovernmental bodies, donors and programmes.
INTERGOVERNMENTAL_REGIONS = [
    "Inter-American",
    "Central American",
    "Hemispheric",
    "Caribbean",
]
INTERGOVERNMENTAL_BODIES = ["Commission", "Institute", "Office", "Council"]
INTERGOVERNMENTAL_SUBJECTS = [
    "Migration",
    "Human Mobility",
    "Labour Mobility",
    "Refugees",
]
DONOR_NATIONALITIES = ["Canadian", "Swiss", "Spanish", "German", "Swedish", "Japanese"]
DONOR_BODIES = ["Agency for International Cooperation", "Development Fund"]
PROGRAMME_REGIONS = ["Mesoamerica", "Caribbean", "Northern Triangle", "Regional"]
