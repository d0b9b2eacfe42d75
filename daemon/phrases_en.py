"""Broad phrase families of the reply classifier in English, by category.

Each entry is the shape of a sentence a category's senders write, wide enough to catch the
wordings template libraries and recruiters vary (who decided, which verb, which object), so
a new message is read by its shape rather than by a sentence seen before. They add to the
tuned table in ``reply_phrases``; the classifier weighs categories, not these entries.
"""

from __future__ import annotations

# The step a next round names; negated ("won't be moving ahead to the next round"), it is
# a rejection, so both families share it.
STEP = (
    r"(?:the|a|an|our|any)\s+(?:next|final|further|following|second|third|later|onsite|on-site"
    r"|technical|panel)\b"
)
_GO_ON = (
    r"(?:moving|move|going|go|proceeding|proceed|progressing|progress|advancing|advance"
    r"|continuing|continue|taking|take|inviting|invite|scheduling|schedule)"
)
# Verbs of choosing, in every form ("going with", "focusing on", "chose", "selected").
_CHOOSE = (
    r"(?:go(?:es|ing)?|went|gone|proceed\w*|progress\w*|mov(?:e|es|ed|ing)|continu\w*|focus\w*"
    r"|pursu\w*"
    r"|select\w*|prioriti[sz]\w*|chos\w*|choos\w*|hir(?:e|es|ed|ing)|offer\w*|decid\w*|settl\w*"
    r"|opt\w*)"
)
_PERSON = (
    r"(?:candidates?|applicants?|finalists?|profiles?|people|persons?|individuals?|hires?|options?"
    r"|talents?)"
)
_OTHERS = (
    r"(?:an?\s+|the\s+)?(?:different|another|other|more\s+\w+|internal|external|stronger)\s+"
    r"(?:\w+\s+)?(?:profiles?|candidates?|applicants?|people|person|individuals?|direction|option)"
)
_CLAUSE = r"(?:(?!\bbut\b)[^.!?;\n])"  # a character of the same clause ("..., but we'd love")
_SAD = r"(?:sorry|regret|sad|unfortunate(?:ly)?|disappointing|afraid)"

FAMILIES: dict[str, tuple[str, ...]] = {
    "rejection": (
        r"\bextended (?:an|the) offer to (?!you\b)\w+|\b(?:will not|won't) be filled\b"
        r"|\bno longer (?:able to )?consider(?:ing)? your (?:application|candidacy)\b",
        r"(?:\bnot|n't|\bunable|\bcannot)\b[^.!?;\n]{0,30}\bbring you (?:on|aboard|on board)\b",
        r"\b(?:give|gave|given|giving)\s+(?:the|this)\s+(?:\w+\s+)?(?:spot|place|slot"
        r"|shift)\s+to\s+(?!you\b)\w+",
        r"\bfill\w*\s+(?:the|this|that)\s+(?:\w+\s+){0,3}(?:spot|role|position|job|vacancy"
        r"|opening|post)\s+with\b",
        r"\b(?:give|gave|given|giving|offer|offered|offering)\s+(?:the|this)\s+(?:\w+\s+)?(?:job"
        r"|role"
        r"|position|post)\s+to\s+(?!you\b)\w+",
        r"\b(?:role|position|job|opening|vacancy|posting|search|post)\s+(?:has"
        r"|have)\s+(?:(?!not\b)\w+\s+)?been\s+(?:\w+ly\s+)?(?:cancel+ed|closed|withdrawn"
        r"|eliminated)\b"
        r"|\bclosed without an appointment\b|\bwithdrawn (?:the )?funding\b",
        r"\b(?:won't|will not|not) be (?:hiring|recruiting) for (?:it|this|the|that)\b",
        r"\b(?:role|position|job|opening|req(?:uisition)?|vacancy|posting) (?:has been|was"
        r"|is being|is) (?:\w+ly )?(?:cancel+ed|withdrawn|eliminated|closed|pulled)\b",
        r"\b(?:hire|hiring|hired|select\w*|chose|choose|offer\w*|go with|went with)\s+"
        r"someone else\b",
        r"\bnot (?:in|to) your favou?r\b",
        # an offer, negated: "we won't be able to offer you a role" (a rejection, never an offer)
        rf"(?:\bnot|n't|\bunable|\bcannot|\bno longer)\b{_CLAUSE}{{0,25}}"
        r"\b(?:offer|extend|make)\w*\s+"
        r"(?:you\s+)?(?:an?\s+|the\s+)?(?:\w+\s+){0,2}(?:offer|role|position|job|place)\b",
        r"\b(?:isn't|is not|not) a yes\b",
        r"\b(?:another|other) (?:applicant|candidate|finalist|person)s?\b.{0,20}"
        r"\b(?:edged|pulled|came out|came) ahead",
        r"\b(?:won't|will not|not) be (?:moving|going|proceeding|progressing) (?:ahead|forward)\b"
        r"(?!\s+(?:until|yet|before))",
        r"\b(?:candidates?|applicants?|people|profiles?) (?:with|who have|whose) "
        r"(?:more|deeper|stronger"
        r"|broader|direct|closer)\b",
        r"\bwent (?:the other way|another way|against you)\b",
        r"\b(?:wasn't|was not|weren't|were not|not) (?:strong|good) enough\b|\bstop here\b",
        r"\b(?:with|to|on) (?:the )?(?:candidates?|applicants?|people|profiles?|others) whose\b",
        r"\b(?:have|'ve|has|had) (?:now |since |just )?filled the (?:\w+ ){0,3}(?:role|position|job"
        r"|vacancy|opening)\b",
        r"\b(?:role|position|job)\b.{0,40}\bto (?:someone else|another (?:candidate|person"
        r"|applicant))",
        r"\bnot (?:be )?fill (?:the|this) (?:role|position|job|opening)\b",
        r"\bhold off on (?:this|the) (?:hire|hiring|role|position)\b",
        r"\bclose out (?:the|our) (?:process|search)\b",
        r"\bgo (?:another|a different) way\b",
        r"\bnot going to (?:proceed|move forward|progress|advance|continue)\b"
        r"(?!\s+(?:yet|until|before))",
        # who decided what: "made the difficult decision not to continue with your candidacy"
        r"\b(?:decided|decision|chosen|chose|opted|concluded|elected|agreed)\b.{0,40}"
        r"\b(?:not to|to not)\s+(?:move|go|proceed|continue|progress|advance|pursue|extend|offer"
        r"|take|invite|hire)\b",
        # a next step, negated: "we won't be moving ahead to the next round"
        rf"(?:\bnot|n't|\bunable to|\bno longer)\s+(?:be\s+)?{_GO_ON}\s+"
        rf"(?:you\s+|it\s+|your \w+\s+)?(?:forward\s+|ahead\s+|further\s+|on\s+)?"
        rf"(?:to|into|with|in|for)\s+{STEP}",
        r"\b(?:unable|not able|won't be able|cannot|can't|not in a position)\s+to\s+(?:move|take"
        r"|progress|advance|carry)\s+(?:it|this|you|your \w+)\s+(?:forward|further|ahead)",
        # someone else: "offered the position to someone whose background...", "other
        # applicants are a closer match", "pursue a different profile"
        r"\b(?:offered|given|extended)\b.{0,30}\b(?:role|position|job|offer|opportunity)\b.{0,10}"
        r"\bto\s+(?:someone|another|a different|an internal|the other|a candidate)",
        r"\b(?:other|another|different)\s+(?:applicants?|candidates?|profiles?|people|person)\b"
        r".{0,60}\b(?:closer|better|stronger|more (?:closely|suitable|aligned|relevant"
        r"|experienced))",
        rf"\b(?:pursue|pursuing|hire|hiring|select|selected|go with|went with|gone with|proceed"
        rf" with|move forward with|moving forward with|continue with|focus on)\s+{_OTHERS}",
        # bad news said as such: "sorry to say", "not the news you were hoping for"
        rf"\b{_SAD}\b.{{0,30}}\bto (?:say|tell you|share|let you know|inform|report)\b",
        r"\b(?:isn't|is not|wasn't|not) (?:better|the|good|happier) news\b"
        r"|\bnot the (?:news|outcome|answer|result) you (?:were |had )?(?:hoping|hoped|wanted)",
        r"\bregret (?:that|to say)\b",
        # blunt: "we're going to pass on this one", "no hire", "not the right fit"
        r"\b(?:going to|decided to|'ll|will|have to|need to)\s+pass\s+(?:on\s+(?:you|your|this"
        r"|moving|it)|for now|this time)\b|\bgoing to pass\b(?!\s+(?:it|this|that|your|the|along"
        r"|on to))",
        r"\bno[- ]hire\b|\bnot (?:quite )?(?:a|the right|the) (?:fit|match)\b",
        r"\b(?:was|were|have|has|had|are|is) not (?:been )?(?:selected|chosen|shortlisted"
        r"|successful)\b",
        # the role itself went away: "hired internally", "the role has been cancelled"
        r"\b(?:hired|hire|filled (?:it|the \w+)|fill (?:it|the \w+)) internally\b",
        r"\b(?:role|position|job|opening|req(?:uisition)?|vacancy) (?:has been|was|is being|is)"
        r" (?:cancel+ed|withdrawn|eliminated|closed|put on permanent hold)\b",
        r"\b(?:decided|decision) not to (?:fill|hire for|open)\b",
        # written for base forms (see base_forms): every tense of "extend the offer to
        # another finalist", "move on with other folks", "the team want someone more senior"
        r"\b(?:extend|give|offer|make)\s+(?:the|an|this|our)\s+(?:offer|role|position|job"
        r"|opportunity)\s+to\s+(?:another|someone|a different|the other|an internal|one of)",
        rf"\b(?:move|go|proceed|continue)\s+(?:forward\s+|ahead\s+|on\s+)?with\s+(?:the\s+)?"
        rf"(?:other|another|different|some other|more \w+)\s+(?:\w+\s+)?(?:{_PERSON}|folks)\b",
        r"\b(?:want|need|look for|prefer|go for)\s+(?:someone|somebody|a candidate|a person"
        r"|a profile)\s+(?:more|with|who)\b|\bno-?go\b",
        # someone else, in every verb form: "we ended up going with someone who's done it"
        rf"\b{_CHOOSE}\s+(?:forward\s+|ahead\s+)?(?:with|on|for)\s+(?:(?:an?|the)\s+)?(?:(?:other"
        rf"|another|different|alternative|internal|external|stronger)\s+(?:\w+\s+)?{_PERSON}"
        r"|someone|somebody|a (?:candidate|person|profile|finalist) (?:who|whose|with))",
        rf"\b(?:other|another) {_PERSON}\b.{{0,40}}\b(?:has|had|have|brings?|offers?|with) "
        r"(?:more|deeper|broader|stronger|closer|direct)",
        # going on, negated, with any object: "they won't be taking things further"
        r"(?:\bnot|n't|\bno longer)\s+(?:be\s+)?(?:tak\w*|took|mov\w*|push\w*|carry\w*|progress\w*"
        r"|going)\s+(?:things|this|it|matters|the process|your application|you)\s+(?:any\s+)?"
        r"(?:further|forward|ahead)",
        r"\bnot (?:quite |really )?(?:the|a|an) (?:strongest|best|right|closest|ideal|perfect|good"
        r"|great) (?:\w+ )?(?:fit|match)\b",
        r"\b(?:position|role|job|search|requisition|opening) (?:is|has been) no longer (?:open"
        r"|available|active)\b",
        # a negation, then going on with the candidate, in one clause: "we're not going to be
        # able to move forward with your application", "unable to proceed with your candidacy"
        rf"(?:\bnot|n't|\bunable|\bno longer|\bcannot)\b{_CLAUSE}{{0,30}}\b{_GO_ON}\b"
        rf"{_CLAUSE}{{0,25}}\b(?:your (?:application|candidacy|candidature|profile)|with you\b"
        r"|you (?:forward|further|to the))",
        r"\b(?:didn't|did not|won't|will not|not) make it (?:to|through|past|into)\b",
        r"\bnot (?:be )?(?:considered|considering you) (?:any )?further\b|\bno longer (?:being )?"
        r"(?:considered|under consideration|in consideration|in the running)",
        r"\bdecline (?:your|the) (?:application|candidacy)\b",
        r"\b(?:continue|continuing|keep) (?:our|the) search\b|\bkeep looking\b",
        r"\b(?:go|goes|went|gone|going|head\w*|take|took|taken|taking)\s+(?:in\s+)?(?:another"
        r"|a different|a new|an? other)\s+direction\b",
        # the role given to someone: "decided to appoint an internal candidate", "recruited
        # someone from within"
        r"\b(?:appoint\w*|recruit\w*|promot\w*|hir\w*|select\w*|chose|choose|chosen)\s+"
        r"(?:an?\s+|the\s+|one of (?:the|our)\s+)?(?:internal|another|other|different|external"
        r"|existing|current)\s+(?:\w+\s+)?(?:candidates?|applicants?|colleagues?|team members?"
        r"|employees?|people|persons?|finalists?)\b|\bfrom within\b",
        # going on with the process, negated: "so we won't be continuing with the process"
        r"(?:\bnot|n't|\bno longer)\s+(?:be\s+)?(?:continu\w*|proceed\w*|progress\w*|mov\w*"
        r" forward|go\w* forward|go\w* ahead)\s+with\s+(?:the|your|this)\s+(?:process|application"
        r"|candidacy|recruitment|search|role|position)\b(?!\s+(?:until|before|for now|yet))",
        r"\b(?:we(?:'ve| have)?|has been|have been)\s+(?:now\s+)?closed (?:it|the (?:role|position"
        r"|req\w*|opening|vacancy|search))\b",
    ),
    "offer": (
        r"\b(?:committee|panel|team|founders|ceo|leadership|board) (?:has |have )?signed off\b"
        r"|\bbring you (?:in|on|aboard) as\b",
        r"\b(?:at|of) (?:[$€£]|(?:usd|eur|gbp|chf) ?)\d[\d,.]*\s?k?\b",
        r"\boffer (?:doc|document|letter|pdf|details)\b.{0,20}\battached"
        r"|\b(?:love|like|want) (?:for )?"
        r"you to be our (?:next|new)\b",
        r"\b(?:you're|you are) our (?:pick|choice|top choice|first choice)\b",
        r"\bconfirm your appointment\b",
        r"\b(?:salary|base|package) (?:will be|would be|is) [$€£]\s?\d",
        r"\bbring you (?:on|aboard|on board)\b(?!-?site)",
        r"\b(?:want|like|love|excited|thrilled|happy|delighted|eager)\b.{0,20}\b(?:you|to have"
        r" you)\s+(?:on board|onboard|aboard|to join|join(?:ing)? (?:us|the team|our team))",
        r"\b(?:an|the|your|our) offer (?:letter|package)\b|\b(?:sent|send|sending|extend(?:ed|ing)?"
        r"|prepar\w+|draft\w*)\s+(?:you\s+)?(?:an|the|your|a formal|a written)\s+offer\b",
        r"\b(?:compensation|salary|package|offer|headcount for you)\s+(?:is|has been|was|got)\s+"
        r"(?:now\s+)?approved\b",
        r"\b(?:move|moving|go|going) (?:forward|ahead) with you\b(?!\s+(?:to|for|in|into)\s+"
        + STEP
        + ")",
        r"\b(?:pleased|happy|delighted|thrilled|excited|glad)\b.{0,60}\b(?:selected"
        r"|chosen)\b.{0,10}"
        r"\bfor the (?:role|position|job)\b|\b(?:you got the job|the job is yours)\b",
        r"\byou(?:'ve| have)? got the (?:job|role|position)\b",
        r"\bthe (?:job|role|position) is yours\b",
        r"\b(?:like|love|want)\s+(?:for\s+)?(?:you|to have you)\s+(?:to\s+)?join\b(?!\s+(?:us\s+)?"
        r"(?:for|on|at|in)\s+(?:a|an|the|our)\s+(?:\w+\s+)?(?:interview|call|chat|round|session"
        r"|meeting|conversation|onsite|visit))",
        r"\b(?:your|the) (?:employment )?contract\b.{0,60}\b(?:attached|enclosed|follows?|sign)",
        r"\b(?:love|like|want|excited|thrilled)\s+(?:for you |to have you )?to start\b"
        r"|\bhave you start\b",
        r"\b(?:base|salary|compensation)\s+(?:salary\s+)?(?:of\s+)?[$€£]\s?\d",
        r"\bmake you an offer\b|\boffer (?:is|will be) on its way\b|\boffer you (?:the|a|this|our)"
        r" (?:\w+ ){1,3}(?:role|position|job)\b",
        # an enthusiastic founder: "we want you!! offer coming tonight"
        r"\bwe want you\b(?!\s+to\s+(?:meet|come|interview|speak|talk|chat))|\boffer (?:is "
        r"|will be )?"
        r"(?:coming|heading) (?:your way|tonight|today|tomorrow|soon|over)\b",
        r"\bcongrat\w*\b.{0,160}\b(?:start date|can you start|offer|join(?:ing)? (?:us|the team)"
        r"|welcome aboard|on board)",
    ),
    "next_round": (
        r"\binvit\w* you (?:to (?:campus|our|visit|meet|an?\b|the|interview|come)|for (?:an?|the)"
        r"|back|in)\b(?!.{0,20}\bapply)",
        r"\b(?:continue|proceed|go (?:ahead|forward)|move (?:ahead|forward)) with you (?:to|into"
        r"|in|for) (?:the|a|an|our) (?:next|final|second|further)\b",
        r"\bassessment cent(?:er|re)\b",
        r"\ba second time\b|\bmeet (?:you|with you) again\b",
        r"\b(?:interview|onsite|on-site|call|meeting|session|visit)\b.{0,30}\b(?:is|has been) "
        r"(?:confirmed|scheduled|booked)\b|\binterview (?:confirmation|invitation|invite)\b",
        r"\bhave you come (?:in|back|by|to)\b|\bfind (?:a|some) time\b",
        r"\byour (?:calendar|schedule) look",
        r"\b(?:like|love|want|invite|ask)\s+you\s+to\s+(?:meet|speak with|talk to|talk with"
        r"|chat with|sit down with)\b|\b(?:like|love|want)\s+to\s+(?:meet|speak with|talk to"
        r"|talk with|chat with|sit down with|see)\s+(?:with\s+)?you\b",
        r"\bcontinue (?:the|our) conversation\b|\bcalendar invite\b",
        r"\bround (?:2|two|3|three|ii)\b",
        r"\b(?:hackerrank|codility|codesignal|testgorilla|coderbyte|hirevue|karat|spark hire)\b",
        # not "it was great to meet you in person": that thanks for the last one
        r"(?<!great to )(?<!nice to )(?<!good to )(?<!lovely to )(?<!pleasure to )(?<!glad to )"
        r"(?<!happy to )\b(?:meet|see) you (?:again|in person|onsite|on-site)\b|\bpropos\w+ (?:a"
        r"|an)\b.{0,20}"
        r"\b(?:onsite|on-site|interview|call|meeting|session|visit)",
        r"\b(?:onsite|on-site|in-person|final round|follow-up|second interview)\b.{0,30}"
        r"\b(?:next|on|this) (?:week|monday|tuesday|wednesday|thursday|friday)",
        r"\b(?:mornings?|afternoons?|evenings?) (?:or|vs\.?) (?:mornings?|afternoons?|evenings?)\b",
        r"\bsend (?:you|over) an? invite\b",
        r"\binvite you back\b|\bbook (?:a|your) (?:time|slot)\b|\bself-?schedul\w*"
        r"|\binterview (?:is|has been) (?:scheduled|confirmed|booked)\b",
        r"\b(?:a\s+)?(?:few|some|couple of|two or three)\s+(?:windows|slots|times|options|dates)\b",
        r"\b(?:\d+|fifteen|thirty|forty-five|sixty)[- ]?(?:minute|min)\b.{0,30}\b(?:call|chat"
        r"|interview|conversation|session|meeting|video)",
        r"\b(?:another|a different|other|a new) (?:slot|time|day|date)\b"
        r"|\b(?:reshuffle|rearrange|reschedul\w*)\b",
        r"\bas (?:a|the) next step\b|\b(?:next|following) step\b.{0,60}\b(?:interview|exercise"
        r"|assessment|challenge|call|meet|conversation|chat|task|test)",
        r"\b(?:moving|moved|move|advance|advancing|progress\w*) (?:forward )?in the (?:\w+ )?"
        r"process\b",
    ),
    "info_request": (
        r"\b(?:would like|'d like|wants?) to see (?:two|three|a few|some|your)\b|\bwhat (?:is|are"
        r"|'s) your (?:notice|salary|expected|current)\b|\bhow much notice\b|\bwhat base\b",
        r"\b(?:get|need|collect|require|gather)\s+(?:a few|some|a couple of|two|three"
        r"|several)\s+(?:more\s+)?(?:things|items|documents|details|bits"
        r"|pieces)\s+(?:of information\s+)?from you\b|\bwe still need (?:your|a copy|copies"
        r"|the following|some|two|three|from you)\b",
        r"\bwould you mind (?:sending|sharing|forwarding|providing|filling|completing)\b",
        r"\b(?:still )?missing\b.{0,30}\byour\b",
        r"\b(?:asked|wondering|wonder) (?:whether|if) you (?:have|could|can|would)\b",
        r"\bplease (?:tell|let) (?:us|me) (?:know )?(?:your|what|when|whether|if)\b",
        r"\b(?:we|i) need you to (?:send|share|provide|complete|fill|sign|upload)\b",
        r"\b(?:can|could|would) you (?:please )?(?:confirm|tell us|let us know|remind us of)\b",
        r"\b(?:you have|there is) a (?:new )?task\b|\bcomplete (?:it|the (?:task|form))\b",
    ),
    "delay": (
        r"\b(?:hasn't|hasnt|haven't|havent|has not|have not) had (?:a|the) (?:minute|chance"
        r"|moment|time) to\b|\bwon't be before\b",
        r"\b(?:haven't|have not|weren't|couldn't|could not|were not) (?:been able to|managed to"
        r"|able to)\b.{0,40}\b(?:meet|sit down|get together|decide|make (?:the|a"
        r"|our) (?:final )?(?:call|decision))",
        r"\b(?:promised|said|told you|hoped)\b.{0,60}\b(?:not going to make it|won't make it"
        r"|went (?:completely )?quiet|didn't happen|slipped|fell through)\b|\b(?:i"
        r"|we) said you'd hear from (?:us|me)\b",
        r"\blonger than (?:we|i) (?:had )?(?:suggested|said|promised|hoped|thought|indicated"
        r"|mentioned|planned|expected)\b|\bit will be\b.{0,30}\bbefore (?:we|i)\b",
        r"\b(?:can't|cannot|can not|won't|will not|unable to|not able to) (?:be able to )?(?:make"
        r"|reach|take|finali[sz]e) (?:a |the |our |any )?(?:final )?decision (?:until|before)\b",
        r"\b(?:a|temporary|hiring)\s+(?:temporary\s+|hiring\s+)?(?:hold|freeze|pause) on\b"
        r"|\buntil the (?:hold|freeze|pause) (?:is|has been) lifted\b",
        r"\b(?:see|meet|interview|speak with|talk to) (?:one|another|a few|two|three"
        r"|a couple of) more (?:candidates?|finalists?|people|applicants?)\b|\bout sick\b"
        r"|\b(?:debriefs?|panels?|meetings?) (?:moved|slipped|got moved)\b",
        r"\b(?:waiting|wait) (?:on|for)\b.{0,60}\b(?:feedback|approvals?|sign-?offs?"
        r"|interviewers?|candidates?|budget|panel|ceo|cto|cfo|vp|manager|director|board"
        r"|references?)\b",
        r"\b(?:that|it)(?:'s| is) not going to happen\b",
        r"\b(?:added|adding|add) (?:two|three|a few|some|another|one|more"
        r"|a couple of)\s+(?:more\s+)?(?:\w+\s+)?(?:candidates?|people|applicants?|interviews?"
        r"|finalists?)\b",
        r"\bnot (?:quite )?there yet\b",
        r"\bstill under (?:review|consideration)\b"
        r"|\bwaiting on (?:final |the )?(?:approvals?|sign-?offs?"
        r"|feedback)\b",
        r"\bnot (?:yet )?(?:complete|completed|finished|concluded|wrapped up)\b",
        r"\b(?:debrief|decision|meeting|panel|review|interview|call)\w* (?:has|have|was|were|got"
        r"|is|are|'s)(?: been| being)? (?:moved|shifted|pushed|rescheduled|delayed|postponed)\b",
        r"\b(?:won't|will not|don't|do not)\s+(?:have|be able to (?:give|share))\s+(?:an?|any|the"
        r"|our)\s+(?:final\s+)?(?:answer|decision|update|news)\s+(?:this|yet|until|before|for)",
        r"\bbear with us\b|\bgive us (?:another|a few more|a couple more|one more) (?:week|day)"
        r"|\bno decision (?:yet|so far)\b|\bso there(?:'s| is) no decision\b",
        r"\bno (?:news|update|decision) yet\b",
        r"\blater than (?:planned|expected|anticipated|hoped)\b|\bregroup\b",
        r"\b(?:he|she|they|manager|ceo|vp|director|team|panel|interviewer|founder)\b.{0,30}"
        r"\b(?:is|are) (?:on (?:leave|vacation|holiday)|out|away|travel\w*|off)\b.{0,20}\buntil\b",
        r"\bpush\s+(?:our|the|back|out|things|this|it|decision|timeline|everything)\b",
        r"\b(?:froze|frozen|freez\w*|paused|halted|suspended)\b.{0,40}\b(?:decision|hiring|process"
        r"|role|search|recruit)",
        r"\bnot until\b|\bnothing will (?:move|happen)\b",
        r"\b(?:sorry|apologies|apologi[sz]e)\b.{0,20}\b(?:wait|delay|hold-?up)",
        r"\bstill (?:waiting|awaiting)\b.{0,30}\b(?:feedback|approval|sign-?off|budget|decision"
        r"|input|headcount)|\b(?:won't|will not|don't|do not) (?:have|expect)\b.{0,30}\b(?:until"
        r"|before)\b",
        r"\bnow (?:on the agenda|scheduled|planned|expected|set) for\b|\bon the agenda for\b",
        r"\bnot (?:yet )?(?:able|in a position) to (?:give you|share|make|reach)\b.{0,40}"
        r"\b(?:as (?:planned|promised|hoped|expected)|yet|this week)",
        # "our selection process has been extended", "the timeline has been extended"
        r"\b(?:process|timeline|timeframe|search|decision|review|selection)\w*\s+(?:has|have|was"
        r"|were|is|are)\s+(?:been\s+|being\s+)?(?:extended|lengthened|prolonged)\b",
        r"\b(?:decision|timeline|process|answer)\b.{0,30}\b(?:slip|slips|slipping|slide|sliding)\b",
        r"\b(?:radio silence|sorry for the wait|apologi[sz]e for the (?:wait|delay))\b.{0,120}"
        r"\b(?:slip|later|longer|delay|week of|until)",
    ),
    "acknowledgement": (
        r"\bcome back to (?:you|everyone|all (?:the )?candidates|all of you)\b"
        r"|\bappreciate you taking the time to (?:write|reach out|send)\b",
        r"\backnowledge receipt\b",
        r"\bmake sure (?:the others|the team|everyone|they) (?:see|sees|read)\b",
        r"(?:^|[.!]\s+)(?:will|i'll|we'll) (?:circle back|follow up|get back to you|be in touch"
        r"|keep you posted)\b",
        r"\bgot it\b|\breceived with thanks\b|\bwell received\b|(?:^|\n)\W*received\b",
        r"\b(?:and|but|then|so)\s+(?:will|we'll|i'll|we will|i will)\s+(?:reach out|be in touch"
        r"|get back to you|follow up|let you know|circle back|update you)\b",
        # base forms: "passing it on to Jordan", "shared your note with the panel" ("sharing it
        # with the team" says nothing about the thank-you)
        r"\bpass (?:it|this|that|your \w+) (?:on|along|to)\b"
        r"|\bforward (?:it|this|that|your \w+) to\b"
        r"|\bshare your (?:note|message|email|e-mail|thank-?you|kind words) with\b",
        r"\b(?:appreciate|thanks? for|thank you for) (?:the|your) (?:kind |lovely |nice )?"
        r"(?:note|words|message|email|e-mail)\b",
    ),
}
