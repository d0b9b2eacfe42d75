"""Broad phrase families of the reply classifier in German, by category.

Shapes of sentences, not sentences: German puts the verb last, so a family is usually a
subject or object and its verb with a little room between them ("dass wir Ihnen die Stelle
nicht anbieten können").
"""

from __future__ import annotations

FAMILIES: dict[str, tuple[str, ...]] = {
    "rejection": (
        r"\b(?:position|stelle|rolle)\b.{0,100}\b(?:besetzt|vergeben)\b",
        r"\b(?:prozess|bewerbung|verfahren"
        r"|zusammenarbeit)\b.{0,30}\bnicht\b.{0,10}\b(?:weiterführen|fortführen|fortsetzen"
        r"|weiterverfolgen|weiter verfolgen)\b",
        r"\b(?:uns|wir)\b.{0,30}\bfür jemand(?:en)?\b.{0,30}\bentschieden\b",
        r"\bfür jemand(?:en)? (?:anderen|anders)\b.{0,20}\bentschieden"
        r"|\bentschieden\b.{0,60}\bfür jemand(?:en)? (?:anderen|anders)\b",
        r"\b(?:stelle|position|ausschreibung)\b.{0,60}\b(?:gestrichen|gestoppt|zurückgezogen"
        r"|nicht (?:nach|neu)besetzt|storniert)",
        r"\b(?:stelle|position|rolle)\b.{0,40}\b(?:intern|anderweitig|mit (?:einer"
        r"|einem) (?:anderen )?(?:person|kandidat\w*|bewerber\w*"
        r"|kolleg\w*))\b.{0,30}\b(?:besetzen|besetzt|vergeben)",
        r"\b(?:entschieden|entscheiden|entschlossen)\b.{0,80}\b(?:intern|mit (?:einer"
        r"|einem) (?:anderen |externen )?(?:person|kandidat\w*|bewerber\w*"
        r"|kolleg\w*))\b.{0,30}\b(?:zu )?besetzen",
        r"\bpassen (?:leider )?nicht zusammen\b",
        r"\bnegative[nr]? (?:rückmeldung|nachricht|bescheid|antwort)\b|\bnicht zu (?:ihren|deinen) "
        r"gunsten\b",
        r"\bnicht für (?:sie|dich) entscheiden\b",
        r"\bjemand(?:en)? (?:anderen? )?gefunden\b|\bwird (?:es )?(?:diesmal |leider )*nichts\b",
        r"\b(?:uns|wir|man|sich)\b.{0,30}\bfür (?:ein(?:e[nr]?)?|die|den|das) "
        r"(?:andere[nrs]? |weitere[nrs]? )?(?:bewerber|kandidat|person|mitbewerber|profil)\w*\b"
        r".{0,50}"
        r"\bentschieden",
        r"\bohne (?:dich|sie|ihre bewerbung|deine bewerbung)\b.{0,20}\b(?:fortzu\w+|weiter\w*)",
        r"\bkeine (?:ausreichende |hinreichende )?übereinstimmung\b",
        r"\b(?:ihnen|dir) (?:leider )?absagen\b|\bwahl (?:ist )?(?:fiel|gefallen) auf\b",
        r"\b(?:stelle|position|rolle)\b.{0,40}\bnicht\b.{0,20}\banbieten\b",
        r"\bkeine (?:erfreulichere|positivere|bessere|andere|gute) (?:nachricht|mitteilung"
        r"|antwort|rückmeldung)",
        r"\b(?:mit|für) (?:anderen|einer anderen|einem anderen|andere) (?:kandidat|bewerber|profil)"
        r"\w*\b.{0,40}\b(?:fortzusetzen|fortsetzen|weiterzugehen|entschieden|weiter)",
        r"\bkeine zusage\b(?! oder absage)|\bnicht (?:mehr )?in die (?:engere|nächste) (?:wahl"
        r"|runde)",
        r"\b(?:uns|wir) (?:\w+ ){0,3}für (?:eine[nr]?|die|den) (?:andere[nr]? |weitere[nr]? )?"
        r"(?:bewerber|kandidat|person|mitbewerber)\w*\b.{0,15}\bentschieden",
        r"\bkeine (?:stelle|position|anstellung|zusage)\b.{0,40}\b(?:anbieten|geben|machen)",
        r"\bbedauer\w*\b.{0,60}\b(?:nicht|keine|absage)\b",
        r"\bnicht (?:weiter )?(?:in betracht|berücksichtig|für die nächste|in die nächste)",
        r"\b(?:entschieden|entscheidung)\b.{0,40}\bnicht\b.{0,30}\b(?:fortzusetzen"
        r"|weiterzuverfolgen"
        r"|weiter|einzuladen|anzubieten)",
    ),
    "offer": (
        r"\ban bord (?:holen|nehmen|begrüßen)\b|\bden vertrag\b.{0,80}\b(?:schick\w*|send\w*"
        r"|zukommen)",
        r"\b(?:sie|dich) (?:\w+ ){0,4}einstellen\b",
        r"\b(?:in unserem|in unser|ins|im) team\b.{0,30}\b(?:sehen|begrüßen|aufnehmen|willkommen"
        r"|zu haben)\b|\bim team haben\b|\b(?:schick\w*|send\w*)\b.{0,30}\bdas angebot\b",
        r"\barbeitsvertrag\b|\bvertrags?(?:entwurf|unterlagen|angebot)\b",
        r"\bwillkommen (?:an bord|im team)\b",
        r"\b(?:zusage|angebot)\b.{0,40}\b(?:für sie|für dich|erhalten)\b",
    ),
    "next_round": (
        r"\w*(?:gespräch|interview|termin|kennenlernen|arbeitsprobe)\w*\b.{0,80}\beinzuladen\b"
        r"|\barbeitsprobe\b.{0,60}\b(?:einladen|einzuladen|termin|vereinbaren)\b",
        r"\btermine?\b.{0,30}\bpassen\b|\bwürden? (?:ihnen|dir)\b.{0,40}\bpassen\b",
        r"\b\w*(?:termin|gespräch|interview|kennenlernen)\w*\b.{0,30}\bverschieben"
        r"|\bzweitgespräch\b",
        r"\bassessment(?:-?cent(?:er|re))?\b|\bfallstudie\b",
        r"\b(?:gern|gerne) weitermachen\b|\bwelche[rn]? (?:tag|termin|zeit)\b.{0,30}\bpasst\b",
        r"\b(?:ein )?zweites mal\b|\bwann hätten (?:sie|du)\b.{0,30}\bzeit\b",
        r"\b(?:gespräch|austausch|kennenlernen)\b.{0,40}\bfortsetzen\b|\bfür (?:sie|dich) passt\b",
        r"\b(?:laden|lade)\b.{0,60}\b(?:gespräch|interview|kennenlernen|termin)\w*\b.{0,20}\bein\b",
        r"\bpersönliche[nms]? (?:gespräch|kennenlernen|treffen)|\bprobe(?:arbeiten|tag)\b",
        r"\b(?:zu|zum|zur) (?:einem |einer |einem weiteren |einem zweiten )?\w*"
        r"(?:interview|gespräch|termin|kennenlernen)\w*\b.{0,60}\beinladen",
        r"\b(?:gerne|gern|persönlich|näher|weiter)\s+(?:\w+\s+)?kennenlernen\b",
        r"\bwäre(?:n)? (?:ihnen|dir|es ihnen)\b.{0,60}\brecht\b",
        r"\b(?:buchen|wählen) sie\b.{0,40}\btermin",
        r"\b(?:sie|dich) (?:gerne |gern )?(?:unserem|unserer|dem|der) \w+ vorstellen\b",
        r"\bschlagen\b.{0,40}\b(?:montag|dienstag|mittwoch|donnerstag|freitag"
        r"|\d{1,2}\.).{0,60}\bvor\b",
        r"\b(?:termin|zeitfenster|slot)\w*\b.{0,30}\b(?:vorschlagen|abstimmen|finden|anbieten)",
    ),
    "info_request": (
        r"\b(?:bräuchte|bräuchten|benötige|benötigen|brauche|brauchen)\b.{0,30}\b(?:folgende"
        r"|von ihnen|von dir)\b",
        r"\bbitten (?:wir |ich )?(?:sie|dich|euch) (?:noch |daher |deshalb "
        r"|kurz )?um\b(?! (?:\w+ ){0,2}(?:geduld|verständnis|nachsicht))",
        r"\bschicken sie (?:mir|uns) (?:bitte )?",
        r"\b(?:wären sie so freundlich|würden sie)\b.{0,80}\b(?:schicken|senden|zukommen"
        r"|mitteilen)",
        r"\bkönnen sie (?:mir|uns)\b.{0,120}\b(?:senden|schicken|zukommen|mitteilen|nennen)",
        r"\bfehl(?:en|t) (?:uns |mir )?(?:noch )?(?:ihre|ihr|deine|die|das)\b",
        r"\breichen sie\b.{0,60}\bnach\b",
        r"\bwie hoch (?:wären|sind|ist|wäre) (?:ihre|deine)\b|\bab wann (?:könnten|können|würden)"
        r" (?:sie|du)\b",
        r"\b(?:benötigen|brauchen) (?:wir|ich) (?:noch )?(?:ihre|deine|eine|einen|zwei)\b",
    ),
    "delay": (
        r"\bruh(?:t|en)\b.{0,40}\b(?:verfahren|prozess|besetzung|auswahl)\w*|\b(?:verfahren"
        r"|prozess)\w*\b.{0,20}\bruh(?:t|en)\b",
        r"\b(?:krankheitsbedingt|erkrankt)\b|\b(?:ist|sind|war|waren)\b.{0,40}\bausgefallen\b",
        r"\b(?:warten|wartet) (?:noch |gerade )?(?:auf|bis)\b",
        r"\bhängt\b.{0,60}\bnoch\b",
        r"\bnoch nicht so weit\b|\berst\b.{0,30}\b(?:entscheid|rückmeld|melden|sagen|bescheid)",
        r"\bzieht sich\b|\bausstehen\b",
        r"\bverlänger\w* sich\b|\bist (?:bis|erst) .{0,30}zu rechnen\b",
        r"\b(?:noch nicht|nicht) abgeschlossen\b",
        r"\bsteht noch aus\b|\bhakt es\b",
        r"\b(?:benötig|brauch)\w* (?:noch )?(?:etwa |ca\. |rund )?(?:zwei|drei|vier|ein paar|einige"
        r"|\d+) (?:wochen|tage)",
        r"\bbrauch\w*\b (?:\w+ )?(?:noch )?(?:ein paar|einige|etwas|mehr)\b",
        r"\b(?:etwas|noch) länger\b",
        r"\bverzöger\w*\b|\bverschieb\w*\b|\bspäter als (?:geplant|gedacht|erwartet)\b",
        r"\berst (?:am|ab|im|nach|in|wenn)\b.{0,40}\b(?:entscheid|rückmeld|melden|sagen|bescheid)"
        r"|\bentschuldigen sie\b.{0,40}\b(?:warten|verzögerung|lange)|\bso lange warten\b",
        r"\bdauert\b.{0,30}\b(?:noch|etwas|leider)\b|\bum (?:etwas |noch etwas )?geduld\b",
    ),
    "acknowledgement": (
        r"\bnäheres mitteilen\b|\b(?:du hörst|sie hören|ihr hört)\b.{0,40}\bvon (?:mir|uns)\b"
        r"|\berhalten sie von uns\b",
        r"\brückmeldung\b.{0,30}\b(?:bekommen|erhalten) sie\b|\b(?:bekommen"
        r"|erhalten) sie (?:von mir|von uns)\b|\b(?:führen|haben)\b.{0,30}\b(?:noch"
        r"|restlichen)\b.{0,20}\bgespräche\b",
        r"\bnoch im rennen\b|\b(?:eine |die )?(?:finale|endgültige|abschließende"
        r"|verbindliche) (?:antwort|entscheidung|rückmeldung)\b.{0,20}\b(?:geben|mitteilen"
        r"|schicken|sagen)",
        r"\bleite\w* (?:sie|es|ihre \w+) (?:gerne )?an\b.{0,30}\bweiter\b",
        r"\beingang ihrer nachricht\b|\bkommen auf (?:sie|dich) zurück\b",
        r"\bist angekommen\b|\bauf dem laufenden\b",
        r"\bdanke\w* für (?:ihre|deine|die) (?:\w+ )?(?:zeilen|nachricht|e-?mail|mail|worte)\b",
        r"\b(?:weitergegeben|weitergeleitet)\b|\bhören sie von uns\b|\bmelden uns,? sobald\b",
        r"\b(?:geben|gebe)\s+(?:ihnen|dir|euch)\b.{0,40}\b(?:bescheid|rückmeldung|nachricht)\b",
        r"\b(?:sind|bin) (?:noch |gerade )?in gesprächen\b|\bnoch in der (?:auswahl|entscheidung)",
        r"\b(?:herzlichen|vielen|besten|lieben) dank für (?:die|ihre|deine) (?:nette |freundliche "
        r"|liebe )?(?:nachricht|zeilen|e-?mail|mail)",
    ),
}
