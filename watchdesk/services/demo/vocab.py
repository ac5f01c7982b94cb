"""Word lists for demo data: a mixed neighbourhood, with the accents real rosters have."""

GIVEN_NAMES = (
    "Alice", "Ana", "Andre", "Beatriz", "Ben", "Carmen", "Chloé", "Chen", "Dana", "David",
    "Deshawn", "Elena", "Emeka", "Fatima", "Frank", "Grace", "Hannah", "Hiroshi", "Ines", "Isaac",
    "Jamal", "Jane", "José", "Kai", "Keisha", "Leila", "Linh", "Lucas", "Maria", "Marcus",
    "Mei", "Miguel", "Nadia", "Noah", "Olga", "Omar", "Priya", "Rafael", "Rosa", "Samir",
    "Sofia", "Tariq", "Thu", "Tom", "Valentina", "Walter", "Yusuf", "Zoë", "Zainab", "Peter",
)

FAMILY_NAMES = (
    "Adams", "Alvarez", "Baker", "Brown", "Chen", "Cohen", "Davis", "Diallo", "Dubois", "Evans",
    "Fischer", "García", "Gonzalez", "Hall", "Haddad", "Ivanova", "Jackson", "Johnson", "Kim",
    "Kowalski", "Lee", "López", "Martin", "Mensah", "Miller", "Müller", "Nguyễn", "Novak",
    "O'Brien", "Okafor", "Olsen", "Patel", "Peña", "Reyes", "Rossi", "Schmidt", "Silva", "Singh",
    "Smith", "Tanaka", "Taylor", "Thompson", "Tran", "Walker", "White", "Williams", "Wilson",
    "Wright", "Yamamoto", "Zhang",
)

STREETS = (
    "Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Gum", "Hazel", "Ivy", "Juniper",
    "Kingfisher", "Laurel",
)

CAR_MAKES = (
    ("Toyota", "Camry"), ("Toyota", "Corolla"), ("Honda", "Civic"), ("Honda", "CR-V"),
    ("Ford", "F-150"), ("Ford", "Escape"), ("Subaru", "Outback"), ("Chevrolet", "Malibu"),
    ("Nissan", "Altima"), ("Hyundai", "Elantra"), ("Kia", "Soul"), ("Tesla", "Model 3"),
    ("Volkswagen", "Jetta"), ("Jeep", "Cherokee"), ("Dodge", "Caravan"),
)

COLOURS = ("white", "black", "silver", "grey", "blue", "red", "green", "tan", "maroon")
BODY_STYLES = ("sedan", "SUV", "pickup", "van", "hatchback", "coupe", "minivan")
BUILDS = ("slim", "medium", "heavy", "muscular")
HAIR = ("short black", "long brown", "blond ponytail", "shaved", "grey", "curly dark", "red")
TOPS = ("black hoodie", "grey sweatshirt", "red jacket", "blue windbreaker", "white T-shirt",
        "green parka", "hi-vis vest")
BOTTOMS = ("jeans", "black track pants", "khaki shorts", "dark cargo pants", "grey sweatpants")
DIRECTIONS = ("northbound", "southbound", "eastbound", "westbound", "into the alley",
              "towards the park")

DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "suspicious_person": (
        "Person trying car door handles along {street}.",
        "Someone looking into back yards and photographing houses on {street}.",
        "Person loitering by the side gate of a house on {street} for 20 minutes.",
        "Two people going door to door claiming to be from the utility, no ID shown.",
    ),
    "suspicious_vehicle": (
        "Vehicle circling the block slowly several times near {street}.",
        "Car parked with engine running and lights off on {street} for an hour.",
        "Van stopped at each driveway on {street}; driver wrote notes.",
    ),
    "burglary": (
        "Garage on {street} found open, tools missing.",
        "Back door of a house on {street} forced while residents were away.",
    ),
    "theft": (
        "Package taken from a porch on {street} shortly after delivery.",
        "Catalytic converter cut from a car parked on {street}.",
        "Bicycle stolen from an unlocked front yard on {street}.",
    ),
    "vandalism": (
        "Graffiti tag sprayed on the fence at {street}.",
        "Mailbox on {street} knocked over during the night.",
        "Car windows smashed on {street}.",
    ),
    "drugs": ("Apparent hand-to-hand exchanges at the corner of {street}.",),
    "disturbance": (
        "Loud party on {street} after midnight, people shouting in the street.",
        "Fireworks set off in the park next to {street}.",
    ),
    "traffic": (
        "Cars speeding on {street} during school drop-off.",
        "Drivers rolling through the stop sign at {street}.",
    ),
    "hazard": (
        "Streetlight out on {street}.",
        "Abandoned car on {street} for over a week.",
        "Large pothole on {street}.",
    ),
    "other": ("Lost dog seen running along {street}.", "Open garage door left overnight on {street}."),
}

AGENDA = (
    "Welcome and introductions",
    "Officer's crime briefing",
    "Patrol report and coverage",
    "Upcoming trainings",
    "Block captain updates",
    "Open floor",
)
