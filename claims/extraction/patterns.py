"""Text patterns of the screen's first pass (``screen.screen_text``): credit, caption and
teaser lines, datelines, and the word order of a question."""

import re

CLOSERS = "\"'\u201d\u2019)]\u00bb "
CREDIT_RE = re.compile(
    r"""^(?:
        (?:[A-Z][\w.'\u2019-]*\s+){1,5}(?:contributed|also\s+contributed)\s+(?:reporting|research|to\s+this)
      | (?:additional\s+)?reporting\s+by\b
      | (?:\(\s*)?(?:reporting|writing|editing|edited|compiled|produced|research)\s+by\b
      | (?:written|words|story|text|photos?|video|graphics?)\s+by\b
      | by\s+(?:[A-Z][\w.'\u2019-]*\s*){1,4}(?:,|\||$)
      | this\s+(?:story|article|report|post)\s+(?:was|has\s+been)\s+
        (?:updated|corrected|produced|originally|adapted|edited|reprinted|republished)
      | (?:disclaimer|editor['\u2019]?s\s+note|correction(?:,[^:]{1,40})?)\s*:
      | (?:correction|clarification|update)\s+(?:added|appended|made)\b[^:]{0,40}:
      | the\s+views\s+(?:and\s+[\w\s]{1,40}?\s+)?expressed\s+(?:by|in|on|here)\b
      | (?:this\s+(?:story|article|report)\s+)?originally\s+(?:published|appeared|ran)\b
      | (?:follow|contact)\s+(?:him|her|them|us|the\s+author)\b
      | you\s+can\s+(?:also\s+)?(?:mail|e-?mail|write\s+to|reach|contact|send|follow|tip\s+off)
        \s+(?:us|me|him|her|them|the\s+author)\b
      | [\w.-]+\s+advises\s+(?:users|readers|investors|viewers)\s+to\b
      | (?:we|politifact)\s+rate[sd]?\s+(?:the|this|that|his|her|their)\s+(?:\w+\s+){0,2}?
        (?:statement|claim|post|assertion)s?\s+(?:as\s+)?
        (?:true|mostly\s+true|half\s+true|mostly\s+false|false|pants\s+on\s+fire)\b
      | (?:copyright|\u00a9)
      | all\s+rights\s+reserved
    )""",
    re.IGNORECASE | re.VERBOSE,
)
CAPTION_RE = re.compile(
    r"""(?:^|\W)(?:
        (?:photo|image|picture|illustration|video|graphic)s?\s*(?:credit)?\s*[:|/]
      | (?:getty\s+images|ap\s+photo|reuters\s*/|afp\s+via|shutterstock|epa-efe)
      | \(\s*(?:photo|image|file\s+photo|credit)\b
      | ^file\s*(?:photo|image)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
TEASER_RE = re.compile(
    r"""^(?:read\s+(?:more|the\s+(?:original|full))|click\s+here|related\s*:|see\s+also|
        watch\s*:|listen\s*:|more\s*:|sign\s+up\b|subscribe\b|profile\s*:|timeline\s*:|
        (?:also\s+)?read\s*:|recommended\s*:|advertisement\b|share\s+this|
        (?:more\s+information|further\s+reading|references?|journal\s+reference)\s*:|
        for\s+more\s+information\b.{0,120}\bplease\s+visit\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# a pointer to a chart, a table or a list the text does not hold: "Here's the most recent
# data on seizures from the agency.", "The following chart summarizes the value."
POINTER_RE = re.compile(
    r"""^(?:here['\u2019]s|here\s+(?:is|are))\s+(?:the|a|an|our|some)\s+(?:\w+\s+){0,3}?
        (?:data|figures|numbers|chart|table|graph|graphic|map|list|breakdown|timeline)\b
      | the\s+following\s+(?:\w+\s+)?
        (?:shows?|summari[sz]es|lists|details|illustrates|breaks\s+down)\b(?!\s+that\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# a game result in the agate style of sports pages: "Eastport d. Riverside 3-1",
# "Lakeside def. North Bay 25-18, 25-20", "Westfield 4, Northgate 2": who beat whom, the
# line's whole claim (no verb a parser could find)
_TEAM = r"[A-Z][\w.'\u2019&-]*(?:\s+(?:[A-Z(][\w.'\u2019&()-]*|of|de|la))*?"
_SCORE = r"\d{1,3}-\d{1,3}(?:,\s*\d{1,3}-\d{1,3})*(?:\s*\((?:OT|\d*OT|SO|PK|\d+ innings)\))?"
RESULT_RE = re.compile(
    rf"^{_TEAM}\s+(?:d\.|def\.)\s+{_TEAM}(?:,?\s+{_SCORE})?\.?$"
    rf"|^{_TEAM}\s+\d{{1,3}},\s+{_TEAM}\s+\d{{1,3}}(?:,?\s*\(?(?:OT|\d*OT|SO)\)?)?\.?$"
)
# a link closing a sentence (an embedded post's picture link): no part of what it says
LINK_START = r"(?:https?://|pic\.twitter\.com/)"
TRAILING_LINK_RE = re.compile(rf"(?:\s+{LINK_START}\S+)+\s*$", re.IGNORECASE)
# "“... who are we as a nation if ...?” she wrote in her letter.": a quoted question
# with its speech tag (and no more: ", adding that ..." is a claim) is a question too
QUOTED_QUESTION_RE = re.compile(
    r"\?\s*[\"\u201d\u2019']\s*,?\s+(?:[\w.'\u2019-]+\s+){0,6}?"
    r"(?:said|says|wrote|writes|asked|asks|added|adds|tweeted|posted|told)\b[^?!,;\"\u201c\u201d]*$",
    re.IGNORECASE,
)
# a question quoted inside a quote, after the verb that reports it: '"I then heard the
# president ask, quote, \'So he is going to do it?\'"' reports what was asked, a claim
REPORTED_QUESTION_RE = re.compile(
    r"^[\"\u201c][^\"\u201c\u201d]*\b(?:ask|asks|asked|asking|wonder|wondered|say|said|says)\b"
    r"[^\"\u201c\u201d]*[\u2018'][^\u2018\u2019]*\?[\u2019']\s*[\"\u201d]"
    r"(?:\s+(?:[\w.'\u2019-]+\s+){0,3}[\w.'\u2019-]+\.)?\s*$",
    re.IGNORECASE,
)
# "LOS ANGELES (AP) —", "WASHINGTON —", "(CNN)", "DUBAI, United Arab Emirates (AP) —"
AGENCIES = "AP|Reuters|AFP|CNN|UPI|Bloomberg|dpa|PTI|IANS|ANI|Xinhua"
DATELINE_RE = re.compile(
    rf"""^(?:
        [A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+)*(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?
        (?:\s*\((?:{AGENCIES})\))?(?:\s*[\u2014\u2013]+|\s+-+(?=\s))\s*
      | \((?:{AGENCIES}|CNN\s+Business)\)\s*[\u2014\u2013-]*\s*
    )""",
    re.VERBOSE,
)
# "Can Xi allow this chaos to continue." - an auxiliary before its subject opens a question
INVERTED_RE = re.compile(
    r"^[\"\u201c\u2018']?(?:can|could|will|would|should|shall|is|are|was|were|do|does|did|has|have|"
    r"had|may|might|must|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|can't|"
    r"wouldn't|shouldn't|haven't|hasn't)\s+(?:[A-Z][\w'\u2019.-]*|it|he|she|they|we|you|i|"
    r"there|this|that|these|those|anyone|anybody|anything)\b(?!\s*[,;])",
    re.IGNORECASE,
)
# "Had the dam failed, 40,000 people would have been flooded." - the same inversion opens a
# condition when a clause follows its comma: a statement, not a question
CONDITION_RE = re.compile(
    r"^[\"\u201c\u2018']?(?:had|were|should)\s(?!to\b)[^,?;]+,\s*[\"\u201c\u2018']?\w",
    re.IGNORECASE,
)
