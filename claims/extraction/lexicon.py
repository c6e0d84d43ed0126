"""Closed word classes, a small verb list and a part-of-speech lexicon.

The word lists are hand-written.  ``POS_CLASSES`` is read from ``data/pos_lexicon.tsv``,
built by ``scripts/build_pos_lexicon.py`` from the UD English EWT treebank (CC BY-SA 4.0,
see ``data/README.md``): each lowercase word's open-class readings, most frequent first.
"""

from __future__ import annotations

from pathlib import Path

_POS_FILE = Path(__file__).with_name("data") / "pos_lexicon.tsv"


def _pos_classes(path: Path = _POS_FILE) -> dict[str, str]:
    """word -> classes ("N", "ZN", ...; see scripts/build_pos_lexicon.py)."""
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line[0] != "#":
                word, _, classes = line.rstrip("\n").partition("\t")
                out[word] = classes
    return out


POS_CLASSES = _pos_classes()


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`."""
    return frozenset(text.split())


DETERMINERS = words(
    """
    a an the this these those his her its their our my your some any each every no both
    all another such either neither several many few much most more less other whose
    """
)
PREPOSITIONS = words(
    """
    of in on at by for with from to into onto over under about against between among
    amongst through throughout during before after since until till without within
    across along alongside around behind beyond despite toward towards upon via amid
    amidst like near off per than unlike beside besides except as inside outside past
    regarding according concerning following excluding above below beneath underneath up down out
    """
)
COORDINATORS = frozenset({"and", "or", "but", "nor", "yet"})
SUBORDINATORS = words(
    """
    because although though while whereas if unless until since when whenever once after
    before
    """
)
RELATIVES = frozenset({"which", "who", "whom", "whose", "where"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "it", "you"})
AUXILIARIES = words(
    """
    is are was were am has have had do does did will would can could may might shall
    should must isn't aren't wasn't weren't hasn't haven't hadn't doesn't didn't won't
    wouldn't can't cannot couldn't shouldn't mustn't
    """
)
NONFINITE_BE = frozenset({"be", "been", "being"})
ADVERBS = words(
    """
    also still then now recently often never already later currently however soon again
    not just even only once twice always sometimes usually ever further finally first
    thus therefore instead meanwhile moreover nevertheless reportedly allegedly largely
    mostly mainly partly widely well almost nearly very too quite rather
    """
)
# -ing / -ed / -ly words that are not verbs or adverbs.
NOT_VERB_FORMS = words(
    """
    thing things king kings morning evening building buildings nothing something
    anything everything during ceiling spring string wing ring sibling darling pudding
    wedding bed red need shed seed speed feed creed hundred indeed sacred naked wicked
    family italy july supply reply ally rally belly holy only daily early likely ugly
    july ally assembly jelly bully lily fly
    """
)
# Irregular past forms (finite when they follow a subject).
IRREGULAR_PAST = words(
    """
    became began bore brought built bought came chose did drew drove ate fell felt
    fought found fled flew forgot froze gave went grew held hid hit hurt kept knew laid
    led left lent lost made meant met paid put quit ran rang rose said saw sold sent set
    shook shot shut sang sank sat slept spoke spent stood stole struck swore swam took
    taught tore told thought threw understood woke wore won wrote withdrew overthrew
    undertook sought sprang sprung spun stuck stung strove swept swung wept wound born
    borne known given written taken shown seen done gone grown drawn driven chosen
    spoken broken stolen frozen hidden ridden risen forgotten beaten eaten fallen thrown
    flown sworn torn worn begun sung sunk swum undertaken overseen withdrawn
    """
)
IRREGULAR_PARTICIPLE_TO_PAST = {
    "being": "was",
    "having": "had",
    "making": "made",
    "taking": "took",
    "giving": "gave",
    "leading": "led",
    "saying": "said",
    "becoming": "became",
    "coming": "came",
    "running": "ran",
    "holding": "held",
    "bringing": "brought",
    "building": "built",
    "seeing": "saw",
    "going": "went",
    "getting": "got",
    "keeping": "kept",
    "leaving": "left",
    "selling": "sold",
    "sending": "sent",
    "spending": "spent",
    "standing": "stood",
    "telling": "told",
    "thinking": "thought",
    "winning": "won",
    "writing": "wrote",
    "meeting": "met",
    "paying": "paid",
    "finding": "found",
    "fighting": "fought",
    "growing": "grew",
    "knowing": "knew",
    "losing": "lost",
    "putting": "put",
    "setting": "set",
    "beginning": "began",
    "including": "included",
}
# Common verbs, base form; used to recognise present-tense "-s" forms ("uses", "marks").
VERBS = words(
    """
    accept accuse achieve acquire act add address admit adopt affect agree aim allow
    announce appear apply appoint approve argue arrive ask assert attack attend attract
    avoid back ban base become begin believe belong benefit blame block boost border
    break bring build buy call campaign carry cause celebrate change charge check choose
    cite claim close collect combine come comment commit compare compete complain
    complete comprise concern conclude condemn confirm connect consider consist contain
    continue contribute control cost count cover create criticize criticise cut deal
    decide declare decline deepen defeat defend deliver deny depend describe design
    destroy determine develop die direct discover discuss dismiss display draw drive
    drop earn emphasize emphasise employ enable encourage end endorse enhance enjoy
    ensure enter establish estimate evaluate exceed exist expand expect explain export
    express extend face fail fall feature feel fight file find finish focus follow
    forbid force form found fund gain get give go govern grant grow guarantee hand
    happen have head help highlight hire hold host house identify ignore illustrate
    impose improve include increase indicate inform insist install intend introduce
    invade invest invite involve issue join keep kill know lack last launch lead learn
    leave lie limit link list live locate look lose love maintain make manage mark
    matter mean measure meet mention move name need note observe obtain occupy occur
    offer open operate oppose order organize organise own participate pass pay perform
    permit place plan play portray possess post praise predict prefer prepare present
    preserve prevent produce promise promote propose protect prove provide publish pull
    purchase push raise reach read receive recognize recognise record reduce refer
    refuse reject relate release rely remain remove replace report represent require
    reside resign respond rest result retain return reveal rise rule run say see seek
    seem sell send serve set share show sign sit speak spend stand star start state stay
    stop strengthen stress study succeed suffer suggest supply support suspend take talk
    target teach tell tend terminate thank threaten total trade train transfer treat try
    turn undergo understand urge use value view visit vote want warn watch win wish work
    worry write abandon absorb abolish accompany accomplish account accumulate adapt
    adjust administer admire advance advise advocate afford aid alert align allege
    allocate alter amend analyse analyze anticipate appeal appreciate approach arrange
    arrest assemble assess assign assist assume assure attach attain attempt attribute
    authorize award bear beat bind bless boast borrow bounce breed broadcast burn bury
    calculate cancel capture care catch cease certify chair challenge characterize chase
    cherish cite clarify classify climb coach coincide collaborate collapse command
    commemorate commission communicate compile compose comprise conceal concentrate
    conduct confer confront conquer consent conserve consolidate constitute construct
    consult consume contest contract contrast convert convey convict convince cooperate
    coordinate cope correspond cross crush cultivate cure damage dance dare debate debut
    decorate decrease dedicate defy delay delegate demand demonstrate denote depart
    deploy deposit derive descend deserve designate desire detect devote dictate differ
    differentiate dig diminish disappear discourage dispute dissolve distinguish
    distribute dive divide dominate donate double doubt drag dream dress drink drown
    earn educate elect eliminate embrace emerge emit enact encounter endure enforce
    engage enlarge enrich enroll entertain entitle equip erect escape evacuate evolve
    examine exchange exclude execute exhibit expel experience explode exploit explore
    expose facilitate fear feed fill finance fit fix flee float flow fly fold forecast
    forget forgive formulate foster free freeze fulfil fulfill gather generate govern
    graduate greet grip guard guess guide handle hang harm hate heal hear heat hide hit
    hunt hurt imagine imitate implement imply import impress imprison incorporate incur
    infect influence inherit initiate inject injure inspect inspire integrate interfere
    interpret interrupt interview investigate isolate judge jump justify kick kidnap
    knock label land laugh lay lean lease lend lift like listen load lobby locate lock
    manufacture march marry master merge migrate mine minimize mobilize modify monitor
    motivate mount multiply murder narrate negotiate nominate notice notify nurse object
    obey occupy operate orbit originate outline overcome overlook oversee overthrow owe
    paint participate partner patrol perceive persist persuade photograph pick pilot
    pioneer plant plead please pledge plunge point poison pose possess pour practice
    practise pray precede prescribe preside press presume pretend prevail print proceed
    process proclaim pronounce prosecute protest provoke pursue qualify question quote
    race rank rate reaffirm realise realize rebuild recall recommend reconcile recover
    recruit redeem reflect reform regain regard register regret regulate reinforce
    reject relieve remark remember remind renew rent reopen repair repeat reply repress
    rescue research resemble reserve resist resolve restore restrict resume retire
    retreat reverse revise revive reward ride ring risk rob roll rotate sail satisfy
    save scan scatter score scream search secure seize select sentence separate settle
    shape shift shine shoot shout sing sink slip smell smile solve sort sound span speed
    spin split spread stabilize stage stem stimulate store strike strip strive submit
    subscribe substitute suffer summon supervise supplement surpass surrender surround
    survey survive suspect sustain swear sweep swim switch tackle taste tax tear
    terminate testify thrive tie tolerate top torture touch tour trace track transform
    translate transmit transport travel trigger trust uncover undergo underline
    undermine undertake unify unite unveil update uphold upgrade utilize vanish vary
    venture verify veto violate wait wake walk wander wear weigh welcome widen withdraw
    witness wonder wrap yield
    """
)
# Verbs that report speech or attitude: their complement clause is kept whole.
REPORTING_VERBS = words(
    """
    say said says stated state states told tell tells claimed claim claims argued argue
    argues noted note notes added add adds warned warn warns insisted insist insists
    announced announce announces expressed express expresses believe believed believes
    reported report reports suggested suggest suggests
    """
)
NUMBER_WORDS = words(
    """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion trillion dozen
    """
)

# what a study or an inquiry reports, closing a sentence as "said" does: ", the audit found"
FINDINGS = words("found finds showed shows concluded concludes revealed reveals")
# verbs that report what someone said
SPEECH = words(
    """
    say says said saying tell tells told telling add adds added adding write writes wrote
    writing state states stated claim claims claimed argue argues argued note notes noted
    explain explains explained announce announces announced report reports reported insist
    insists insisted acknowledge acknowledged admit admits admitted recount recounted warn
    warns warned confirm confirms confirmed deny denies denied ask asks asked respond
    responded reply replied tweet tweeted post posted declare declared estimate estimated
    predict predicted suggest suggests suggested testify testified allege alleged alleges
    according quoted quote quotes recalled recall recalls continued continues
    """
)
# verbs of urging or proposing: a source's act as much as its words ("said X and called on
# Y to ...")
PROPOSING = words(
    """
    recommend recommends recommended urge urges urged propose proposes proposed suggest
    suggests suggested call calls called demand demands demanded advise advises advised
    conclude concludes concluded estimate estimates estimated
    """
)
# words that count a noun a colon then spells out ("two reasons:", "several problems:")
COUNTING_WORDS = words(
    """
    two three four five six seven eight nine ten several few many some various multiple
    both one single main key
    """
)
# a day, a month or a span of time: a noun phrase that says when, never who ("In May,
# Zippy Duvall, the president of ...": not about May)
CALENDAR = words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow week month year
    """
)
# what a person is, in an apposition ("Kym Lino, a spokesperson for Instagram")
ROLES = words(
    """
    spokesperson spokesman spokeswoman president vice-president chairman chairwoman chair
    director professor analyst strategist economist commander secretary minister ceo founder
    co-founder head chief executive officer leader member senator governor mayor lawyer
    attorney researcher scientist author editor correspondent reporter manager partner
    adviser advisor consultant ambassador judge prosecutor coach captain owner investor
    candidate representative official spokespeople chancellor commissioner
    superintendent sheriff inspector general engineer physician doctor surgeon expert
    """
)
