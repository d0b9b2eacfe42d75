"""The phrase tables of the reply classifier, by category, in English, German, French and
Spanish. Each table is one regular expression; the families in it are shapes of a
sentence ("chose someone else", "not going on with you"), not single sentences.
"""

from __future__ import annotations

import re
import unicodedata

from daemon import phrases_de, phrases_en, phrases_es, phrases_fr

_OTHER_PERSON = (
    r"(?:another|other|a different|an internal|an? (?:external|stronger|more \w+) )?\s*"
    r"(?:candidates?|applicants?|person|profile|individual)\b|someone (?:else|with|who|whose)"
    r"|a candidate whose|candidates? whose"
)
_REJECTION: tuple[str, ...] = (
    # English, general: choosing someone else; not going on with the candidate
    r"\b(?:decided|chosen|opted|elected|going|decided instead) to (?:pursue|hire|select|go with"
    r"|move (?:forward|ahead) with|proceed with|continue with|offer the (?:role|position|job) to"
    r"|extend (?:an|the) offer to)\s+(?:" + _OTHER_PERSON + ")",
    r"\b(?:hired|selected|chose|chosen|found|went with|gone with|decided on|offered the (?:role"
    r"|position|job) to|extended (?:an|the) offer to)\s+(?:another|a different|an internal"
    r"|someone (?:else|with|who|whose)|a candidate (?:who|whose|with)|the other)",
    r"\b(?:not|n't|no longer)\s+(?:be\s+)?(?:moving|move|going|go|proceeding|proceed|progressing"
    r"|progress|advancing|advance|continuing|continue|pursuing|pursue|taking|take)\s+"
    r"(?:forward|ahead|further|on)?\s*(?:with\s+)?(?:your|you\b)",
    r"\b(?:unable to|not able to|cannot|can't|won't|will not|not in a position to|decided not to)"
    r"\s+(?:be\s+)?(?:make|making|extend|extending|offer|offering)\s+(?:you\s+)?(?:an?\s+|the\s+)?"
    r"(?:offer|position|role|job)",
    r"\b(?:in|to go in) a different direction\b",
    r"\b(?:other|another|the other) (?:candidates?|applicants?|profiles?|people)\b.{0,30}"
    r"\b(?:are|is"
    r"|were|was|seemed?)\b.{0,20}\b(?:better|closer|stronger|more (?:suitable|aligned|relevant))",
    r"\bfilled the (?:role|position|job|vacancy|opening)\b"
    r"|\b(?:role|position|job|vacancy) (?:is|was"
    r"|has been) (?:now )?(?:filled|closed)\b",
    r"\b(?:didn't|did not|won't|will not|couldn't|could not)\s+(?:approve|support|sign off on)\b",
    r"\bit(?:'s| is) a no\b|\bnot (?:be )?offering you\b|\bdecided against\b",
    r"\b(?:were|was|have|has) not (?:been )?(?:successful|selected|chosen)|\bunsuccessful\b",
    # English
    r"\b(?:decided|chosen|opted|elected|made the decision) (?:not )?to (?:move|go|proceed|continue"
    r"|pursue|progress)\b.{0,40}\b(?:other|another|different|a different|more suitable|stronger)"
    r"\s+(?:candidate|applicant|direction|person|profile)",
    r"\b(?:move|moving|go|going|proceed|proceeding) forward with (?:other|another|a different"
    r"|more|the other)\b.{0,30}\b(?:candidate|applicant|profile|person)",
    r"\b(?:will|would|are|am|have|'ve|'re|we)\s+(?:not|no longer)\s+(?:be\s+)?(?:moving forward"
    r"|proceeding|progressing|advancing|continuing|going forward|pursuing)",
    r"\b(?:won't|will not|can't|cannot|unable to|not able to|not in a position to)\s+(?:be\s+)?"
    r"(?:moving forward|proceed|progress|move forward|advance|extend(?:ing)? (?:you )?an offer"
    r"|offer(?:ing)? you (?:the|a|this) (?:position|role|job))",
    r"\bnot (?:to )?(?:move|moving|go|going) forward with your (?:application|candidacy)",
    r"\b(?:decided|(?:made|taken|reached) the decision|decision was made) not to (?:move forward"
    r"|proceed|progress|advance|extend|offer|pursue|continue)",
    r"\bregret to (?:inform|let you know|tell you)",
    r"\b(?:you (?:were|have) not been|you weren't|not been) (?:selected|chosen|successful)",
    r"\b(?:position|role|vacancy|job) has (?:now )?been filled\b",
    r"\b(?:offered|offer) the (?:position|role|job) to (?:another|a different|an internal)",
    r"\bwent with (?:another|a different|an internal) (?:candidate|applicant|person)",
    r"\b(?:your application|your candidacy)\b.{0,40}\b(?:unsuccessful|not (?:be )?successful"
    r"|not (?:be )?progress|will not|won't|has been declined|was declined)",
    r"\bnot (?:be )?(?:the right|a) (?:fit|match) (?:for (?:this|the) (?:role|position)"
    r"|at this time)",
    r"\b(?:other candidates|another candidate) whose (?:experience|skills|background|profile)",
    r"\bclosed? (?:out )?your (?:application|candidacy)\b",
    # German
    r"\b(?:müssen|möchten) (?:wir )?ihnen (?:leider )?mitteilen\b",
    r"\bleider\b.{0,80}\b(?:absage|nicht (?:weiter )?berücksichtigen|nicht berücksichtigt"
    r"|nicht in die engere|nicht weiter(?:verfolgen| verfolgen)|keine positive"
    r"|nicht anbieten|für (?:einen|eine) (?:anderen?|mitbewerber)|anders entschieden)",
    r"\b(?:für (?:einen|eine) (?:anderen?|andere) (?:kandidat|bewerber)|für (?:einen|eine) "
    r"mitbewerber(?:in)?|anderweitig)\b.{0,20}\bentschieden",
    r"\bentscheidung (?:ist )?(?:auf|für) (?:jemand|einen?) (?:anderen?|mitbewerber)",
    r"\bkeinen (?:günstigeren|positiven) bescheid\b",
    r"\bentschieden\b.{0,60}\b(?:andere[nr]?|mitbewerber)|\b(?:andere[nr]?|anderen) (?:bewerber"
    r"|kandidat|mitbewerber)\w*\b.{0,40}\bentschieden\b",
    r"\b(?:stelle|position|vakanz)\b.{0,60}\b(?:besetzt|vergeben)\b",
    r"\bleider\b.{0,80}\b(?:passt|entspricht|passen)\b.{0,60}\bnicht\b",
    r"\bgegen (?:eine |die |ihre )?(?:zusammenarbeit|bewerbung|einstellung|sie)\b.{0,20}"
    r"\bentschieden|\bentschieden\b.{0,10}\bgegen\b",
    r"\bnicht (?:weiter |mehr )?(?:zu )?berücksichtig|\bnicht (?:in die engere|weiter verfolgen)",
    r"\bstelle (?:ist|wurde) (?:bereits |inzwischen )?(?:anderweitig )?(?:vergeben|besetzt)",
    r"\b(?:eine )?absage (?:erteilen|geben|mitteilen)\b",
    # French
    r"\b(?:nous )?(?:avons|sommes) (?:le regret|au regret)\b",
    r"\bne (?:pas|pouvons pas|pourrons pas) (?:donner|y donner) (?:une )?suite(?: favorable)?",
    r"\b(?:pas|non)(?: été)? retenue?s?\b",
    r"\b(?:retenir|retenu|choisir|choisi|privilégier|privilégié) (?:une?|d')\s?autres?\b",
    r"\bpas en mesure de\b.{0,30}\b(?:proposer|offrir|retenir|donner suite|poursuivre)"
    r"|\bne pouvons pas vous (?:proposer|offrir|retenir)\b",
    r"\bne\b.{0,40}\bpas\b.{0,20}\bsuite\b|\bpas (?:de|donner) suite\b",
    r"\b(?:retenu|choisi|privilégié) (?:une? )?(?:autre|autres) (?:candidat|profil|candidature)",
    r"\bpoursuivre (?:le processus )?(?:de recrutement )?avec (?:un|une|d')(?:autres?|autre) "
    r"(?:candidat|profil|candidature)",
    r"\bposte (?:a été|est) (?:déjà )?pourvu",
    # Spanish
    r"\blamenta(?:mos|blemente)\b.{0,80}\b(?:no (?:ha|has) sido (?:seleccionad|elegid)"
    r"|no (?:continuar|seguir|avanzar)|otro candidato|otros candidatos|otra candidatura)",
    r"\bno (?:ha|has) sido (?:seleccionad[oa]|elegid[oa])\b",
    r"\bno (?:seguiremos|continuaremos|avanzaremos|vamos a (?:seguir|continuar|avanzar))\b",
    r"\b(?:seguir adelante|continuar|avanzar) con (?:otro|otra|otros|otras) (?:candidat|persona"
    r"|perfil)",
    r"\b(?:decidido|optado por)\b.{0,40}\b(?:otro candidato|otros candidatos|otra persona"
    r"|otro perfil|otros perfiles)",
    r"\b(?:no|sin) (?:continuar|seguir adelante|avanzar) con (?:su|tu) (?:candidatura|proceso)",
    r"\bpuesto (?:ya )?(?:ha sido|fue) (?:cubierto|ocupado)",
)
_OFFER: tuple[str, ...] = (
    r"\boffer you (?:the|a|this|our) (?:role|position|job|place)\b",
    r"\b(?:approved|signed off on|finali[sz]ed) (?:your|the) (?:offer|hire|hiring)\b",
    r"\bit(?:'s| is) a (?:yes|go)\b|\b(?:thrilled|excited|delighted|happy|glad|love)\b.{0,15}"
    r"\b(?:for you|to have you) (?:to )?join\b",
    r"\b(?:sie|dich) (?:gerne |gern )?einstellen\b"
    r"|\b(?:sie|dich) (?:gerne |gern )?(?:bei uns|im team)"
    r" begrüßen\b",
    r"\b(?:moving|move|go|going) (?:forward|ahead) with (?:an|the|your|a formal) offer\b"
    r"|(?<!not an )(?<!no )\boffer of employment\b|\b(?:confirm|confirming) (?:our|your"
    r"|the) offer\b",
    r"\b(?:welcome you (?:to|aboard|on board)|welcome (?:aboard|to the team)|excited to welcome)",
    r"\b(?:attached is|here is|enclosed is|please find) (?:your|the) (?:formal |written )?offer\b",
    r"\b(?:formal|written|official) offer\b",
    r"\b(?:ein|das) (?:angebot|vertragsangebot)\b.{0,60}\b(?:machen|unterbreiten|senden"
    r"|zukommen)|(?<!keine )\bzusage\b(?! (?:für|zu) (?:ein|einem) (?:gespräch|interview))",
    r"\b(?:pleased|happy|delighted|thrilled|excited|glad) to (?:formally )?(?:offer you|extend"
    r"(?: you)? (?:an|a formal|the|this|our) offer|make you an offer|share (?:an|the) offer)",
    r"\b(?:would like|want|'d like|wish) to (?:formally )?(?:offer you|extend (?:you )?an offer"
    r"|make you an offer)",
    r"\b(?:decided|chosen) to (?:move forward|proceed|go) with you\b(?! (?:to|for|in) (?:the|a)"
    r" next)",
    r"\b(?:your|the) offer letter\b|\boffer (?:letter|package|details) (?:is )?(?:attached"
    r"|below|enclosed)",
    r"\bverbal(?:ly)? offer\b|\bcongratulations\b.{0,80}\b(?:offer|welcome (?:you )?(?:to|aboard)"
    r"|join(?:ing)? (?:the|our) team)",
    r"\bwe(?:'d| would) love (?:for you|to have you) (?:to )?join",
    r"\bfreuen uns\b.{0,80}\b(?:ihnen|dir)\b.{0,40}\b(?:anbieten|angebot|zusage|zusagen)",
    r"\b(?:vertragsangebot|arbeitsvertrag (?:zukommen|anbei|im anhang))\b",
    r"\b(?:ihnen|dir) (?:die|eine) (?:stelle|position) anbieten\b",
    r"\b(?:avons le plaisir|sommes heureux|sommes ravis)\b.{0,80}\b(?:proposer(?! (?:un"
    r"|une) (?:\w+ )?(?:entretien|rendez-vous|échange|rencontre|visite|créneau)| de (?:passer"
    r"|participer|rencontrer|venir|poursuivre))|offre"
    r"|promesse d'embauche|retenu votre candidature)",
    r"\b(?:proposition|promesse) d'embauche\b|\bretenu votre candidature\b",
    r"\b(?:candidature|profil) a été retenue?\b|\bcontrat de travail\b",
    r"\b(?:te unieras|te unas|te incorpores|incorporarte|unirte) (?:a|al) (?:nuestro )?equipo\b"
    r"|\boferta formal\b|\benhorabuena\b.{0,80}\b(?:oferta|equipo|puesto)",
    r"\b(?:nos complace|nos alegra|tenemos el placer|estamos encantados)\b.{0,80}\b(?:ofrecer"
    r"|oferta|seleccionad)",
    r"\b(?:carta oferta|oferta formal de (?:empleo|trabajo))\b",
)
# "your availability" is scheduling, unless it is the availability to start or to join.
_NOT_START = (
    r"(?!\s+(?:to (?:start|join)|para (?:incorpor|ingresar|empezar|comenzar|unirte)"
    r"|pour (?:démarrer|commencer|rejoindre)"
    r"|für (?:den|einen) (?:start|eintritt)))"
)
_NEXT_ROUND: tuple[str, ...] = (
    r"\b(?:passed|moved|put|putting|passing) you (?:through|forward|on|along)? ?(?:to|for)"
    r" (?:the|a|an|our)\b|\b(?:invite|invitation) from our (?:scheduler|coordinator|scheduling)"
    r"|\bour (?:scheduler|coordinator|recruiting coordinator|scheduling team) will\b",
    r"\bnext (?:up|is|will be)\b.{0,40}\b(?:interview|session|call|conversation|chat|round)\b",
    r"\b(?:windows?|slots?|times?|dates?)\b.{0,20}\b(?:that )?(?:work|suit)s?"
    r" (?:for you|best|you)?\b"
    r"|\bqué (?:días?|horarios?|horas?) te (?:viene|va)n? bien\b",
    r"\binvitar(?:te|le|les)? a (?:una|la|otra) (?:segunda |nueva |última )?entrevista|\bentrevista"
    r" final\b",
    r"\b(?:progressed|advanced|moved|moving|move|advance|progress|invited|passed)\b.{0,20}\b(?:to"
    r"|into"
    r"|through to) the (?:\w+ )?(?:stage|round|step|phase|interviews?)\b",
    r"\b(?:have|bring|get) you (?:back|in)\b|\bmeet (?:with )?(?:our|the) (?:cto|ceo|cfo|vp|head"
    r"|director|founder|team|hiring manager|manager)",
    r"\bconversation with (?:our|the) (?:cto|ceo|cfo|vp|head|director|founder|hiring manager)",
    r"\bwhat (?:times?|days?|slots?) (?:would )?(?:work|suit|are good)\b|\btimes? that works?\b"
    r"|\bwhen works (?:best )?for you\b|\b(?:would|are) you (?:be )?(?:available|free)\b",
    r"\bpoursuivre (?:le processus|l'aventure|les échanges) avec vous\b|\b(?:êtes|seriez)-vous"
    r" disponibles?\b|\b(?:estás|está|estarías|estaría) disponible\b|\bhätten sie zeit\b",
    r"\b(?:organiser|planifier|fixer) un (?:nouvel |second |deuxième )?(?:entretien|rendez-vous)"
    r"|\bquelles sont vos disponibilités\b",
    r"\b(?:organizar|programar|coordinar) (?:una|la) (?:segunda )?(?:entrevista|reunión|llamada)",
    r"\b(?:termin|gespräch)\w* (?:vereinbaren|ausmachen)\b",
    r"\bzweite[ns]? (?:kennenlernen|gespräch|interview|runde)|\bpasst (?:ihnen|dir|es ihnen)\b"
    r"|\beinladen\b.{0,10}$|\b(?:kennenlernen|gespräch|interview)\b.{0,20}\beinladen",
    r"\b(?:next|second|third|2nd|3rd|following) (?:round|stage|step|interview|conversation)s?\b",
    r"\b(?:final|last) (?:round|interview|conversation)s?\b",
    r"\b(?:move|moving|advance|advancing|progress|proceed|invite|inviting) (?:you )?"
    r"(?:forward )?(?:to|for|into) (?:the|an?|our) (?:next|final|onsite|on-site|technical"
    r"|panel|second)",
    r"\b(?:schedule|set up|book|arrange|find a time for)\b.{0,40}\b(?:call|interview|chat"
    r"|conversation|meeting|onsite|time to talk)",
    r"\b(?:your|some) availability\b"
    + _NOT_START
    + r"|\bwhen (?:are|would) you (?:be )?(?:available|free)"
    r"|\bcould you do\b.{0,30}\b(?:monday|tuesday|wednesday|thursday|friday|instead)"
    r"|\b(?:reschedule|rescheduling|move our (?:call|interview|meeting))\b",
    r"\b(?:calendly|goodtime|cal\.com|scheduling link|pick a (?:time|slot))\b",
    r"\b(?:take-?home|coding (?:challenge|exercise)|technical (?:assessment|exercise|test)"
    r"|case study|assignment)\b.{0,60}\b(?:next|send|complete|link)",
    r"\bnächsten? (?:runde|schritt|gespräch|stufe)\b|\bzweites? (?:gespräch|interview)\b"
    r"|\b(?:einladen|einladung)\b.{0,60}\b(?:gespräch|interview|kennenlernen)"
    r"|\bterminvorschläge?\b|\b(?:ihre|deine) verfügbarkeit\b"
    + _NOT_START
    + r"|\bwann (?:hätten|haben) sie zeit\b",
    r"\bprochaine? (?:étape|entretien|tour)\b|\b(?:second|deuxième|dernier) entretien\b"
    r"|\bvos disponibilités\b"
    + _NOT_START
    + r"|\b(?:convier|inviter) à un (?:nouvel |second |deuxième )?entretien",
    r"\b(?:siguiente|próxima) (?:fase|etapa|ronda|entrevista)\b|\bsegunda entrevista\b"
    r"|\b(?:su|tu) disponibilidad\b"
    + _NOT_START
    + r"|\bagendar\b.{0,30}\b(?:llamada|entrevista|reunión)",
)
_INFO_REQUEST: tuple[str, ...] = (
    r"\b(?:needs?|requires?|would like|'d like|are missing|still need)\b.{0,15}\byour\b.{0,60}"
    r"\b(?:date|period|references?|transcripts?|portfolio|salary|expectations|documents?|details"
    r"|form|cv|resume|résumé|availability|authori[sz]ation|permit)\b",
    r"\bplease (?:also )?(?:e-?mail|upload|submit|attach)\b",
    r"\b(?:can|could|would) you (?:please )?(?:also )?(?:send|share|provide|forward|upload"
    r"|submit|e-?mail|pass along)(?: over| along| across)?\b",
    r"\b(?:we|i)(?:'d| would)? (?:need|require|would need|need to (?:see|get|have))\b.{0,30}"
    r"\b(?:reference|transcript|portfolio|salary|notice|document|copy|proof|form|cv|resume)",
    r"\b(?:could|can|would) you (?:please )?(?:also )?(?:send|share|provide|forward|fill|complete"
    r"|email|e-mail)\b",
    r"\bplease (?:also )?(?:send|share|provide|forward|fill (?:in|out)|complete)\b",
    r"\b(?:whether|if) you (?:could|can|would) (?:send|share|forward|provide)\b",
    r"\b(?:we|i) (?:will )?(?:need|require|would need)\b.{0,40}\b(?:from you|your)\b",
    r"\bkönnten sie (?:mir|uns)\b.{0,120}\b(?:senden|schicken|zukommen|mitteilen)"
    r"|\bbitte (?:senden|schicken|teilen) sie\b|\b(?:bitte|senden sie)\b.{0,40}\b(?:zukommen"
    r"|nachreichen)",
    r"\bpourriez-vous (?:nous |me )?(?:envoyer|transmettre|communiquer|indiquer|faire parvenir)"
    r"|\bmerci de (?:nous |me )?(?:envoyer|transmettre|communiquer|faire parvenir)",
    r"\b(?:podría|podrías|puede|puedes) (?:enviar|enviarnos|enviarme|compartir|indicar"
    r"|mandarnos)|\bpor favor,? (?:envíe|envíenos|envía|comparta|indíquenos)",
)
# What an information request asks for: a label from this list, never the sender's words.
ASKS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.I))
    for label, pattern in (
        (
            "references",
            r"\breferen(?:ces?|zen|cias)\b|\breferees?\b|\breferenzgeber|\b(?:former|previous|past)"
            r" (?:managers?|colleagues|supervisors?|bosses)\b.{0,40}\b(?:speak|talk|contact|reach)"
            r"|anciens (?:managers|responsables|collègues)|ehemalige[nr]? (?:vorgesetzte|chefs)"
            r"|coordonnées (?:de|d'une|des) (?:deux|trois|\d|personnes)",
        ),
        (
            "salary expectations",
            r"\bsalary|\bctc\b|\bwhat base\b|\bbase (?:salary|pay)\b|expected (?:fixed "
            r"|base )?(?:pay|compensation|package)|compensation expectations|gehaltsvorstellung"
            r"|lohnvorstellung|gehaltswunsch"
            r"|prétentions salariales|expectativas? salarial|pretensi[oó]n(?:es)? (?:salarial"
            r"|de renta)"
            r"|banda salarial|rémunération|bulletins? de salaire|payslips?|gehaltsabrechnung"
            r"|n[oó]minas?\b",
        ),
        (
            "work samples or portfolio",
            r"\bportfolio|work samples?|arbeitsproben|portafolio|projektbeispiele"
            r"|exemples? de (?:projets|travaux|réalisations)|ejemplos de (?:proyectos|trabajos)"
            r"|examples of (?:your )?(?:work|projects)",
        ),
        (
            "transcripts or certificates",
            r"\btranscripts?|zeugnis(?:se)?\b|diplômes?|diplomas?\b|certificados?"
            r"|t[ií]tulo universitario"
            r"|certificates?|certificats?|studienabschluss|acta de grado",
        ),
        (
            "right-to-work documents",
            r"\bright[- ]to[- ]work|work (?:authori[sz]ation|permit|visa|pass)|visa status"
            r"|sponsorship"
            r"|arbeitserlaubnis|arbeitsbewilligung|permis de travail|titre de séjour"
            r"|permiso de trabajo|autorización de trabajo|share code",
        ),
        (
            "a notice period or start date",
            r"\bnotice period|how much notice|start date|kündigungsfrist"
            r"|eintrittstermin|préavis|date de (?:début|disponibilité)"
            r"|fecha de (?:inicio|incorporación)|preaviso|disponibilidad (?:para|de) (?:incorpor"
            r"|ingres)"
            r"|ab wann (?:könnten|können) sie|when (?:can|could) you start|dar aviso",
        ),
        ("an updated CV", r"\b(?:updated |latest )?(?:cv|résumé|resume|lebenslauf|curriculum)\b"),
        (
            "an identity document",
            r"\bpièce d'identité|\bdni\b|\bcédula|\bpassport|\bpasseport|\bpasaporte"
            r"|\bausweis(?:kopie)?\b"
            r"|\bid (?:card|document)|copy of your id\b",
        ),
        (
            "licences, records or checks",
            r"\blicen[cs]es?\b|\bregistration (?:card|number|certificate)"
            r"|\bcopy of your \w+ registration|\bvaccination|\bbackground check|\bcriminal record"
            r"|\bführungszeugnis|casier judiciaire|antecedentes penales|\bcpr\b|\bdbs\b",
        ),
        (
            "a form",
            r"\b(?:form|questionnaire|fragebogen|formulaire|formulario)\b"
            r"|\bfiche de renseignements",
        ),
        ("your availability", r"\bavailability|verfügbarkeit|disponibilit"),
    )
)
# A request in any words: what a message that lists the things it needs says around them.
REQUESTING = re.compile(
    r"\b(?:(?:two|three|a few|a couple of) (?:quick )?(?:things|questions|details)|need|needs"
    r"|require|required|please|kindly|could you|can you|would you|send|share"
    r"|provide|upload|submit|confirm|reply with|shoot|bitte|benötig\w*|brauch\w*|bräucht\w*"
    r"|froh um|senden|schicken|zustellen|nachreichen|mitteilen|angaben|besoin|pourrais|pourriez"
    r"|envoyer|transmettre|merci de|bien vouloir|confirmer|faire parvenir|necesit\w*|confirm\w*"
    r"|envi\w+|mand\w+|podr[ií]as?|por favor|solicit\w*|ind[ií]ca\w*)\b",
    re.I,
)
_DELAY: tuple[str, ...] = (
    r"\bpush(?:ed|ing)?\b.{0,30}\b(?:back|out)\b|\bmás lento\b|\blleva más tiempo\b"
    r"|\bse (?:ha )?retrasad",
    r"\bhiccups?\b|\bsetbacks?\b|\b(?:now|instead) (?:expect|plan|hope|aim)\b|\b(?:new|revised"
    r"|updated) (?:timeline|date)\b",
    r"\b(?:take|taking|takes|took)\b.{0,20}\blonger than\b",
    r"\b(?:paus(?:e|ed|ing)|freez(?:e|ing)|on hold)\b.{0,40}"
    r"\b(?:decision|hiring|process|role|search)"
    r"|\b(?:decision|hiring|process|role|search)\w*\b.{0,40}\b(?:paus(?:e|ed|ing)|on hold)",
    r"\b(?:over|during|through) the (?:holiday|holidays|festive|year-end|christmas)\b",
    r"\b(?:taking|take) (?:a (?:bit|little) )?longer than (?:expected|anticipated|planned)",
    r"\b(?:need|needs|needed|require) (?:a (?:bit|little) )?(?:more|additional|another|extra)"
    r" (?:\w+ )?(?:time|days?|weeks?)",
    r"\b(?:(?:a|the|some|slight|short|further|small) delay|delayed|pushed (?:back|out)|postponed"
    r"|on hold|paused|slipped)\b",
    r"\bbehind (?:schedule|on our (?:end|side))|\brunning (?:a (?:bit|little) )?(?:late|behind)",
    r"\b(?:haven't|have not|not yet) (?:made|reached|finali[sz]ed) (?:a|our|the) (?:final )?"
    r"decision",
    r"\bafter the (?:holidays|holiday break|new year)\b",
    r"\bdauert\b.{0,50}\blänger\b|\blänger als (?:geplant|erwartet|gedacht)\b",
    r"\b(?:verzögert|verzögerung|noch (?:etwas|ein wenig)"
    r" (?:mehr )?zeit|noch keine entscheidung|verschoben)\b",
    r"\b(?:repoussée?|décalée?|prend(?:re)? (?:un peu )?plus de temps|retard|reporté"
    r"|pas encore (?:pris|arrêté)"
    r" (?:de|notre|une) décision|encore besoin de)\b",
    r"\b(?:más tiempo del previsto|necesitamos (?:un poco )?más (?:de )?tiempo|retraso|retrasado"
    r"|aplazado"
    r"|todavía no (?:hemos )?(?:tomado|tenemos) (?:una|la) decisión)\b",
)
_ACK: tuple[str, ...] = (
    r"\bbien reçu\b|\bje (?:transmets|fais suivre)\b|(?:^|[.!¡]\s*)recibido\b(?! por error)"
    r"|\brecibido (?:tu|su) (?:correo|mensaje|nota|email)|\bte daremos noticias\b"
    r"|\bdanke\b.{0,30}\b(?:erhalten|weitergeleitet|weitergegeben)\b",
    r"\bnoted(?: with thanks)?\b"
    r"|\b(?:share|pass|forward)(?:ed)? (?:your|the) (?:note|message|email)"
    r" (?:with|to|along)",
    r"\bthank(?:s| you)(?: so much| again)? for (?:your|the) (?:\w+ )?(?:note|email|e-mail|message"
    r"|words|thank-?you|follow-?up)",
    r"\b(?:still|are) (?:interviewing|finalizing|finalising|reviewing|meeting with)\b.{0,40}"
    r"\b(?:candidates|applicants|decision)",
    r"\bthank(?:s| you)(?: so much| again)? for (?:reaching out|getting in touch|following up"
    r"|checking in|the (?:follow-?up|note|email|message|update|reminder))",
    r"\b(?:should|will|expect to|hope to|aim to|plan to) (?:have|get|share|send) (?:you )?(?:an? )?"
    r"(?:update|answer|decision|news|feedback)",
    r"\bkeep you (?:posted|updated|informed|in the loop)\b",
    r"\b(?:melden uns|melde mich)\b|\b(?:wir|ich) (?:geben|gebe) (?:ihnen|dir) (?:bescheid"
    r"|rückmeldung)",
    r"\b(?:te|le|les) (?:escribiremos|contactaremos|avisaremos|informaremos)\b",
    r"\b(?:thank(?:s| you)(?: so much)?|appreciate) (?:for )?(?:your|the) (?:note|email|e-mail"
    r"|message|follow-?up|kind words|thank-?you|checking in|patience|reaching out)",
    r"\b(?:thanks|thank you) for following up\b",
    r"\b(?:we(?:'ll| will)|i(?:'ll| will)) (?:be in touch|get back to you|let you know|follow up"
    r"|update you|circle back|reach out)",
    r"\b(?:received|got) your (?:note|email|message)\b|\bpassed (?:it|your note) (?:on|along)",
    r"\bvielen dank für (?:ihre|deine) (?:nachricht|e-?mail|rückmeldung|geduld)"
    r"|\b(?:wir|ich) (?:melden|melde) (?:uns|mich)\b|\brückmeldung (?:geben|erhalten)",
    r"\bmerci (?:pour|de) votre (?:message|mail|courriel|patience|retour)"
    r"|\b(?:nous|je) (?:reviendrons?|reviens) vers vous\b|\bnous vous tiendrons informée?",
    r"\bgracias por (?:su|tu) (?:mensaje|correo|email|paciencia|seguimiento)"
    r"|\b(?:nos pondremos|me pondré) en contacto\b|\ble (?:mantendremos|informaremos)",
)

ASKING = re.compile(
    r"\b(?:could|can|would) you\b|\bplease\b|\bbitte\b|\bkönnten sie\b|\bpourriez-vous\b"
    r"|\bmerci de\b|\bpodría(?:s)?\b|\bpor favor\b|\blet (?:me|us) know\b"
    r"|\bwhat(?:'s| is| are| would be) your\b|\bwhen (?:can|could|would) you start\b"
    r"|[^.!\n]{0,120}\?",  # a question about what is listed
    re.I,
)
WEAK_NEXT = re.compile(
    r"next (?:step|stage)s?|(?:final|last) (?:interview|round|conversation)s?"
    r"|nächsten? (?:schritt|stufe)"
    r"|prochaine étape|étape suivante|(?:siguiente|próxima) (?:fase|etapa)|siguiente paso"
    # the process moving on, not the candidate: "as we move into the final stage"
    r"|rescheduled|(?:move|moving|moved|advance|advancing|progress|progressing|proceed|proceeding)"
    r" (?:to|into) (?:the|our) (?:next|final)",
    re.I,
)
# Nothing decided yet, said without anything being late (folded: see ``fold``).
STATUS = re.compile(
    r"no (?:final )?(?:decision|news|update)(?: (?:yet|so far))?|so there(?:'s| is) no decision"
    r"|(?:haven't|have not|not yet) (?:made|reached|finali[sz]ed) (?:a|our|the) (?:final )?decision"
    r"|noch keine entscheidung|pas encore (?:pris|arrete) (?:de|notre|une) decision"
    r"|pas encore (?:de |d')(?:retour|reponse|decision|nouvelles)|pas encore (?:tranche|decide"
    r"|statue)|todavia no (?:hemos )?(?:tomado|tenemos) (?:una|la) decision"
    r"|(?:aun|todavia) no (?:tenemos|hay|hemos)|no hay novedades|bear with us",
    re.I,
)
# A sentence about when, not whether: a rejection's words in it ("I'm afraid I have to let you
# know it will take longer", "pas en mesure de prendre une décision avant les congés") say
# a delay when the text also reads as one.
TIMED = re.compile(
    r"\b(?:longer|later|until|yet|before|after the|avant|après|antes|después|hasta|bis|erst"
    r"|noch nicht|pas encore|todavía|aún|decision|décision|entscheidung|decisión)\b",
    re.I,
)
# What a next round asks when it asks for availability only.
AVAILABILITY = re.compile(r"availab|verfügbarkeit|disponib", re.I)
# An offer named as a condition or a possibility, not made: "before we can make you an
# offer", "ein mögliches Vertragsangebot", "avant de vous faire une offre".
HYPOTHETICAL = re.compile(
    r"\b(?:before|prior to|in order to|bevor|vor einem|um ihnen|avant (?:de|d')|afin de"
    r"|antes de|para poder|possible|potential|eventual\w*|mögliche\w*|éventuel\w*)\b",
    re.I,
)


def _table(category: str, tuned: tuple[str, ...]) -> str:
    families = (p for lang in _LANGUAGES for p in lang.FAMILIES.get(category, ()))
    return "|".join(f"(?:{p})" for p in (*tuned, *families))


_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def fold(text: str) -> str:
    """The text as it is typed without accents: "fuer", "decide", "Gespraech", "despues".
    Swiss German and hurried French or Spanish drop them; the phrase tables, folded the
    same way, then read both spellings."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UMLAUTS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_LANGUAGES = (phrases_en, phrases_de, phrases_fr, phrases_es)
# In the order a careful reader weighs them: the more consequential category first.
_SOURCES = (
    ("rejection", _table("rejection", _REJECTION)),
    ("offer", _table("offer", _OFFER)),
    ("next_round", _table("next_round", _NEXT_ROUND)),
    ("info_request", _table("info_request", _INFO_REQUEST)),
    ("delay", _table("delay", _DELAY)),
    ("acknowledgement", _table("acknowledgement", _ACK)),
)
RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cat, re.compile(source, re.I)) for cat, source in _SOURCES
)
# The same tables without accents, for text typed without them (see ``fold``).
FOLDED_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cat, re.compile(fold(source), re.I)) for cat, source in _SOURCES
)
PATTERN = dict(RULES)
FOLDED_PATTERN = dict(FOLDED_RULES)


# Last resorts, read sentence by sentence when no phrase matched (see classify._fallback).
# A regretful "no" about the application: a word of regret, a negation and the thing
# applied for, in one sentence, with no word of timing ("not yet", "until") in it.
REGRET = re.compile(
    r"\b(?:unfortunately|regret\w*|sorry|sadly|afraid|disappointing|leider|bedauer\w*"
    r"|malheureusement|regrett?\w*|désolée?|navrée?|lamentablemente|desafortunadamente"
    r"|lamentamos|sentimos|por desgracia)\b",
    re.I,
)
NEGATION = re.compile(
    r"\b(?:not|no|no longer|unable|cannot|nicht|kein\w*|pas|ne|n'|nunca|ningún|ninguna)\b"
    r"|n't\b",
    re.I,
)
APPLIED_FOR = re.compile(
    r"\b(?:application|candidacy|candidature|role|position|job|opportunity|process|offer|profile"
    r"|bewerbung|stelle|position|kandidatur|prozess|angebot|zusage|poste|processus|candidatura"
    r"|puesto|vacante|posición|proceso|oferta|perfil|unterlagen|anforderung\w*|requirements"
    r"|attentes|requisitos|übereinstimmung)\b",
    re.I,
)
# Who decided: the company speaking ("we", "the team") or about "your application".
DECIDER = re.compile(
    r"\b(?:we|our team|the team|the company|the client|wir|uns|nous|l'équipe|hemos|el equipo"
    r"|la empresa|your (?:application|candidacy)|ihre bewerbung|votre candidature"
    r"|su candidatura|tu candidatura)\b|\bwe'",
    re.I,
)
TIMING = re.compile(
    r"\b(?:yet|still|delay\w*|later|longer|wait\w*|until|more time|soon|noch (?:nicht|kein\w*|etwas"
    r"|ein paar|immer)|encore|todavía|aún"
    r"|pronto|bientôt|bald|retard|demora|verzöger\w*)\b|\?",
    re.I,
)
# A proposed meeting time asked about: "Does Tuesday at 3pm work?", "¿Te va bien el lunes?"
PROPOSED_TIME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|montag|dienstag|mittwoch|donnerstag|freitag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|jueves|viernes)\b"
    r"|\b\d{1,2}(?::\d{2})?\s?(?:am|pm|uhr|h\b)|\b\d{1,2}:\d{2}\b",
    re.I,
)
# The farewell a rejection closes with, wishing the candidate well in a search that goes
# on elsewhere or keeping the CV for later ("we wish you every success in your search",
# "Alles Gute für Ihren weiteren Weg", "guardaremos tu CV para futuras vacantes").
FAREWELL = re.compile(
    r"\b(?:success|luck|the best|all the best|well)\b.{0,25}\b(?:in|with|on) your (?:job |career )?"
    r"(?:search|future|career|endeavou?rs|next (?:step|role|chapter)|hunt)"
    r"|\b(?:keep|retain|hold on to|store) your (?:cv|resume|résumé|details|information|profile)\b"
    r".{0,30}\b(?:on file|future|talent pool|later)"
    r"|\b(?:apply|consider you) (?:again |to |for )?(?:\w+ )?future (?:roles|openings|opportunities"
    r"|positions|vacancies)"
    r"|\b(?:berufliche[nr]? )?zukunft\b.{0,30}\b(?:alles gute|viel erfolg)"
    r"|\bweiteren (?:beruflichen )?(?:weg|werdegang)\b.{0,40}\b(?:alles gute|viel erfolg)"
    r"|\b(?:alles gute|viel erfolg)\b.{0,40}\b(?:zukunft|weiteren (?:beruflichen )?weg"
    r"|weitere suche|bewerbungen|jobsuche)"
    r"|\btalent-?pool\b|\bdaumen\b.{0,30}\bsuche\b"
    r"|\b(?:réussite|succès|bonne chance)\b.{0,30}\b(?:vos|votre) (?:recherches?|projets?"
    r"|carrière|avenir)|\bbonne continuation\b|\bconservons (?:votre cv|vos coordonnées)\b"
    r"|\b(?:éxito|suerte|lo mejor)\b.{0,30}\b(?:tu|su) (?:búsqueda|carrera|futuro|camino)"
    r"|\bfutur[oa]s? (?:vacantes|oportunidades|ofertas|procesos)\b",
    re.I,
)
# Still waiting for the decision: "no decision yet", "noch keine Freigabe", "pas encore de
# réponse", "todavía no tenemos respuesta" (a delay without the words for a delay).
NOT_YET = re.compile(
    r"\b(?:still|not yet|yet to|no \w+ yet|nothing yet|noch nicht|noch keine[nr]?|noch immer"
    r"|pas encore"
    r"|toujours pas|todavía no|aún no|todavía|aún)\b",
    re.I,
)
DECISION = re.compile(
    r"\b(?:decision|decid\w*|feedback|answer|news|approvals?|sign-?off|entscheidung|rückmeldung"
    r"|freigabe|décision|réponse|retour|validation|decisión|respuesta|aprobación|noticias)\b",
    re.I,
)
# Thanks, and news to come: "Thanks Alex, more soon", "Merci, je reviens vers vous bientôt".
THANKS = re.compile(r"\b(?:thanks?|thank you|danke|vielen dank|merci|gracias)\b", re.I)
NEWS_TO_COME = re.compile(
    r"\b(?:more soon|(?:be|get) in touch|update you|keep you (?:posted|updated|informed)"
    r"|hear (?:from (?:me|us) )?(?:soon|shortly)|von uns hören|in kürze|des nouvelles"
    r"|novedades|noticias)\b",
    re.I,
)
