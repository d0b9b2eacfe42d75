"""Signs that a machine or a list sent a message, not a person answering: autoresponder
subjects and texts in several languages, bulk senders, ATS domains, newsletter words.
"""

from __future__ import annotations

import re

AUTO_SUBJECT = re.compile(
    r"^\s*(?:\[?(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response|antwort)"
    r"|autoreply|autoresponder|out of (?:the )?office|ooo\b|away from (?:the )?office"
    r"|on vacation|on leave|abwesenheit(?:snotiz)?|automatische antwort|nicht im büro"
    r"|réponse automatique|absence du bureau|absent(?:e)? du bureau|message d'absence"
    r"|respuesta automática|fuera de la oficina|ausencia|fuori ufficio|risposta automatica"
    r"|afwezig|automatisch antwoord|absence|abwesend|ausente|urlaub|congés|vacances|vacaciones"
    r"|away)\b|auto:)",
    re.I,
)
# Phrases an out-of-office says about its writer; two kinds are needed without headers.
AWAY = re.compile(
    r"\b(?:i am|i'm|i will be|i'll be|i'm currently|i am currently|currently)\s+"
    r"(?:out of (?:the )?office|away|on (?:annual |parental |sick )?(?:leave|vacation|holiday)"
    r"|travel+ing|ooo|off)\b"
    r"|\bout of (?:the )?office (?:until|till|through|from)\b"
    r"|\bi (?:have )?(?:now )?left\b|\bi am no longer (?:with|at|working)\b"
    r"|^\W*(?:[A-Z][\w'-]+ ){1,3}(?:is|has) no longer (?:with|at|working|employed)\b"
    r"|\bnicht mehr (?:für|bei|im)\b.{0,50}\btätig\b|\bwird nicht (?:gelesen|bearbeitet)\b"
    r"|\bno longer (?:works?|working) (?:for|at)\b|\bne fait plus partie\b"
    r"|\bya no (?:trabaja|forma parte)\b"
    r"|\b(?:mailbox|inbox|account|address) will (?:be|soon be) (?:closed|deactivated|deleted"
    r"|disabled)\b"
    r"|\bbin (?:ich )?(?:bis|vom|ab|derzeit|zurzeit|aktuell)?\s*.{0,40}"
    r"(?:nicht im büro|abwesend|im urlaub|außer haus)"
    r"|\b(?:ich bin|bin ich)\b.{0,60}\b(?:nicht im büro|abwesend|im urlaub)"
    r"|\bje (?:suis|serai)\b.{0,40}\b(?:absente?|en congés?|en vacances|hors du bureau)"
    r"|\b(?:estoy|estaré)\b.{0,40}\b(?:fuera de la oficina|ausente|de vacaciones|de viaje)"
    # wider: "I've moved on from Hooli", "this mailbox is no longer monitored", "en
    # déplacement", "nicht im Hause"
    r"|\bi(?:'ve| have) (?:now )?(?:moved on|left)\b"
    r"|\b(?:this|my) (?:mailbox|inbox|e-?mail address|address) is no longer\b"
    r"|\b(?:mailbox|inbox|address) is not (?:monitored|checked|read)\b"
    r"|\bbuzón no (?:se )?(?:revisa|atiende|monitoriza)|\bno se revisa\b"
    r"|\b(?:won't|will not) (?:see|read|be able to (?:read|reply to|answer|respond to)) (?:your"
    r"|this"
    r"|any) (?:message|e-?mail|mail)s?\b|\buntil i(?:'m| am) back\b"
    r"|\bya no se (?:revisa|utiliza|usa|atiende)\b|\bn'est plus (?:consultée|utilisée|active)\b"
    r"|\bwird nicht mehr (?:gelesen|genutzt|betreut)\b"
    r"|\badresse (?:électronique |e-?mail |mail )?n'est pas (?:consultée|surveillée|lue)"
    r"|\bne sont ni lus\b"
    r"|\bbuzón no (?:está|es) (?:monitorizado|atendido|revisado)|\bno (?:serán|son|se) leíd"
    r"|\bno se leen\b"
    r"|\bboîte (?:mail )?n'est pas (?:consultée|surveillée)"
    r"|\bthis is an automat(?:ic|ed) (?:reply|response)\b"
    r"|\b(?:nicht im hause|nicht erreichbar|außer haus|in elternzeit|im mutterschutz)\b"
    r"|\bje (?:suis|serai)\b.{0,40}\b(?:en déplacement|en formation|en arrêt|en congé)"
    r"|\b(?:on|in) (?:parental|maternity|paternity|sick|medical|annual) leave\b"
    r"|\b(?:bin ich|ich bin)\b.{0,40}\b(?:auf dienstreise|unterwegs|in elternzeit|krank"
    r"|auf (?:einer )?(?:messe|konferenz|fortbildung|schulung))"
    # the whole office or team away: "vacaciones colectivas", "Betriebsferien"
    r"|\b(?:office|offices|team|department|equipo|oficinas?|bureaux?|büro)\b.{0,40}\b(?:closed"
    r"|(?:is|are) on holiday|de vacaciones|cerrad[ao]s?|fermée?s?|geschlossen)\b"
    r"|\bbetriebsferien\b|\bvacaciones colectivas\b|\bfermeture annuelle\b"
    r"|\bon (?:a )?sabbatical\b|\b(?:estaré|estoy) fuera\b|\bfuera hasta\b"
    r"|\b(?:i am|i'm|i will be|i'll be) (?:currently )?out (?:until|till|through|from"
    r"|of the country)\b"
    r"|^\s*(?:auto-?reply|auto-?response|automatic reply|réponse automatique|automatische antwort"
    r"|respuesta automática)\s*:"
    r"|\b(?:team|office|department|we) (?:is|are) away\b"
    r"|\b(?:taking|on) (?:a |our )?(?:winter|holiday|christmas|summer|year-end|festive) "
    r"(?:break|closure|shutdown)\b"
    r"|\b(?:inbox|mailbox|e-?mails?) will be (?:checked|read|monitored) again\b"
    r"|\bon pto\b|\b(?:i am|i'm|i will be|i'll be) (?:currently )?(?:unavailable|offline)\b"
    r"|\bbefinde mich\b.{0,30}\b(?:urlaub|dienstreise|elternzeit|abwesend)"
    r"|\bme encuentro\b.{0,30}\b(?:fuera|de vacaciones|ausente|de viaje|de baja)"
    r"|\b(?:estoy|estaré) de baja\b|\bno (?:me encuentro|estoy) en la oficina\b",
    re.I,
)
AUTO_SIGNS = re.compile(
    r"\blimited (?:access to|e-?mail)|\bwill (?:respond|reply|get back to you|answer)\b.{0,40}"
    r"\b(?:return|when i(?:'m| am)? back|upon)|\bupon my return\b|\bwhen i return\b"
    r"|\bfor (?:urgent|immediate) (?:matters|requests|questions|inquiries|assistance)"
    r"|\bif (?:this is|your matter is) urgent\b|\bin (?:dringenden|eiligen) fällen\b"
    r"|\bfor anything urgent\b|\burgent (?:matters|requests)\b"
    r"|\bfor (?:\w+ )?(?:matters|enquiries|inquiries|questions)\b[^.]{0,80}?,? please (?:contact"
    r"|email|e-mail|write|reach)"
    r"|\bcheck(?:ing)? (?:my )?e-?mails? (?:intermittently|occasionally|sporadically"
    r"|periodically)\b"
    r"|\bnach meiner rückkehr\b|\bwird nicht weitergeleitet\b|\bkeinen zugriff\b"
    r"|\bdès mon retour\b|\bà mon retour\b|\ben cas d'urgence\b"
    r"|\ba mi regreso\b|\bpara (?:asuntos|temas) urgentes\b|\ben caso de urgencia\b"
    r"|\bthis is an automat(?:ic|ed) (?:reply|response|message)\b"
    r"|\bautomatische antwort\b|\bréponse automatique\b|\brespuesta automática\b"
    r"|\bno longer (?:monitored|active|in use|read)\b|\baccès limité\b|\bacceso limitado\b"
    r"|\bnot (?:be )?(?:checking|reading|answering) (?:my )?(?:e-?mails?|messages|inbox)\b"
    r"|\b(?:mailbox|inbox|address) is not (?:monitored|checked|read)\b"
    r"|\bpas accès à (?:mes|ma) (?:e-?mails?|mails?|messagerie)|\bsin acceso (?:al|a mi) correo"
    r"|\bno access to (?:my )?e-?mails?\b|\baccès restreint\b"
    r"|\bwon't be (?:reading|checking|answering)\b|\beingeschränkt erreichbar\b"
    r"|\b(?:on|upon) our return\b|\bsi es urgente\b|\bwieder im büro\b"
    r"|\bnicht (?:automatisch )?weitergeleitet\b"
    r"|\bno (?:estaré|estoy|estaremos) revisando\b|\bpasser par (?:la messagerie|le formulaire"
    r"|votre espace)|\bdesde el formulario\b"
    r"|\bya no se (?:revisa|utiliza|usa|atiende)\b|\bn'est plus (?:consultée|utilisée|active)\b"
    r"|\bwird nicht mehr (?:gelesen|genutzt|betreut)\b|\buntil i(?:'m| am) back\b"
    r"|\butiliza el formulario\b|\buse (?:the|our) (?:contact )?form\b|\butilisez le formulaire\b"
    r"|\bnutzen sie (?:bitte )?(?:das|unser) (?:kontakt)?formular\b"
    r"|\ba (?:mi|nuestro) regreso\b"
    r"|\bà notre retour\b|\bnach unserer rückkehr\b|\batenderemos\b|\bvolveremos a atender\b"
    r"|\bwieder erreichbar\b|\b(?:offline|unavailable) until\b"
    # a deflection to another address: "please write to talent@hooli.com"
    r"|\b(?:contact|write to|e-?mail|reach|wenden sie sich (?:bitte )?an|contacter|contactez"
    r"|contactar|escribe a|escriba a|escribir a|podéis escribir a)\b.{0,60}[\w.+-]+@[\w-]+\.[\w.]+",
    re.I,
)
# A notification's footer, not a person away: "this mailbox is not monitored".
NO_REPLY_FOOTER = re.compile(r"\bis not (?:monitored|checked|read)\b|n'est pas|no se", re.I)
BULK_SENDER = re.compile(
    r"^(?:news(?:letter)?s?|marketing|updates?|events?|hello|info|digest|alerts?|jobs?-?alerts?"
    r"|talent-?community|careers-?news|community|webinars?|promo(?:tions)?|actualites|nouvelles"
    r"|noticias|aktuelles|newsroom|offres|ofertas|stellenangebote|talent-?network|boletin|bulletin"
    r"|comunicaciones|communications?|kommunikation)@",
    re.I,
)
NOREPLY = re.compile(r"^(?:no-?reply|do-?not-?reply|notifications?|mailer-daemon)", re.I)
ATS_DOMAINS = (
    "greenhouse.io",
    "greenhouse-mail.io",
    "lever.co",
    "hire.lever.co",
    "ashbyhq.com",
    "myworkday.com",
    "workday.com",
    "icims.com",
    "workablemail.com",
    "smartrecruiters.com",
    "successfactors.com",
    "taleo.net",
    "jobvite.com",
    "teamtailor.com",
    "personio.de",
    "recruitee.com",
    "recruiteemail.com",
    "softgarden.io",
    "bamboohr.com",
    "jazzhr.com",
    "workable.com",
)
# A list's own words: only a list offers to stop sending ("unsubscribe", "se désabonner").
UNSUBSCRIBE = (
    r"unsubscribe|view (?:this email )?in (?:your )?browser"
    r"|manage (?:your )?(?:email )?preferences|gérer mes alertes"
    r"|dejar de recibir|boletín|ne plus recevoir|nicht mehr erhalten|stop receiving"
    r"|no longer wish to receive|no dese(?:a|as) recibir|ne souhaitez plus recevoir"
    r"|nicht mehr (?:erhalten|empfangen) möchten"
    r"|manage (?:your |job )?alerts|alert settings|mis alertas|meine (?:job)?alerts"
    r"|abmelden|newsletter abbestellen|se désabonner|désinscri|darse de baja|cancelar suscripción"
)
LIST_TEXT = re.compile(rf"\b(?:{UNSUBSCRIBE})\b", re.I)
# Marketing and account mail: noise when nothing else is said.
NOISE_TEXT = re.compile(
    rf"\b(?:{UNSUBSCRIBE}|jobs? (?:you may|you might) (?:like|be interested)"
    r"|newsletter|job alert|new jobs? (?:for you|matching)|recommended jobs|webinar|register now"
    r"|save your seat"
    r"|reserve (?:yours|your (?:seat|spot))|verify (?:your|the) e-?mail|candidate account"
    r"|survey|encuesta|umfrage|questionnaire de satisfaction|reset (?:your |the )?password"
    r"|password reset"
    r"|restablecer (?:la |tu |su )?contraseña|passwort zurücksetzen"
    r"|réinitialiser (?:votre )?mot de passe)\b",
    re.I,
)
ABOUT_YOU = re.compile(
    r"\b(?:your (?:application|candidacy|interviews?|candidature)|you applied|you interviewed"
    r"|your interest in (?:the|this|our|joining|working)|the time you (?:invested|spent|took|gave)"
    r"|(?:ihre|deine) bewerbung|(?:ihr|dein) interesse an|ihr(?:em)? (?:vorstellungs)?gespräch"
    r"|(?:votre|ta) candidature|(?:votre|ton) entretien|(?:votre|ton) intérêt pour"
    r"|(?:su|tu) (?:candidatura|entrevista|postulación)|(?:su|tu) interés (?:en|por))\b",
    re.I,
)
# A ticket system's receipt of the candidate's mail: "Your request (#48213) has been
# received", "hat die Ticketnummer ... erhalten"; no person has read the thank-you yet.
TICKET_RECEIPT = re.compile(
    r"\b(?:your (?:request|ticket|case|enquiry|inquiry|message|e-?mail)\s*(?:\(?#?\d+\)?\s*)?"
    r"(?:has been|was|is) (?:received|logged|created)|ticket ?(?:number|nummer|#|no\.?)|numéro de"
    r" ticket|número de (?:ticket|caso|solicitud)|type your reply above this line"
    r"|\bticket (?:has been|was|is) (?:created|opened|logged)\b"
    r"|(?:ihre|deine) (?:e-?mail|anfrage|nachricht) ist (?:bei uns )?eingegangen"
    r"|(?:votre|ta|su|tu) (?:demande|solicitud|consulta|requête) (?:a bien été|a été|ha sido|fue)"
    r" (?:enregistrée|reçue|registrada|recibida)|sous le numéro|(?:se ha abierto|abierto) (?:la"
    r"|una)"
    r" incidencia|n[úu]mero de incidencia|se ha registrado con el n[úu]mero|buz[óo]n autom[áa]tico"
    r"|registered (?:under|with) (?:the )?(?:number|reference)|enregistrée sous"
    r"|(?:ticket|incidencia|caso|case|demande|anfrage|request"
    r"|vorgang)\s*(?:n[º°o]\.?\s*|#\s*)\d{3,})",
    re.I,
)

# An application receipt: a machine confirming an application, which answers nothing
# about an interview ("Ihre Unterlagen sind bei uns eingegangen", "thank you for applying").
RECEIPT = re.compile(
    r"\b(?:(?:we(?:'ve| have)?|has been|was|were) received your application|thank you for"
    r" applying|thanks for applying|your application (?:has been|was) (?:received|submitted)"
    r"|(?:bewerbung|unterlagen) (?:ist|sind) (?:bei uns )?(?:eingegangen|angekommen)"
    r"|vielen dank für (?:ihre|deine) bewerbung|candidature a bien été (?:reçue|enregistrée)"
    r"|merci (?:pour|de) votre candidature|hemos recibido (?:tu|su) (?:candidatura|solicitud)"
    r"|(?:avons|hemos|haben) (?:bien )?(?:reçu|recibido|erhalten) (?:votre|tu|su|ihre|deine)"
    r" (?:candidature|candidatura|postulación|bewerbung)|merci d'avoir postulé|danke für (?:ihre"
    r"|deine)"
    r" bewerbung|gracias por (?:aplicar|postular)"
    r"|gracias por (?:postularte|tu candidatura|su candidatura|presentar))",
    re.I,
)
# Reports about the candidate's own message, not answers to it: a bounce, a read receipt,
# a calendar's accepted/declined notice. A bounce quotes the thank-you unmarked, so its
# words must never be read as the company's.
REPORT_SUBJECT = re.compile(
    r"^\s*(?:undeliverable|undelivered mail|delivery status notification|mail delivery"
    r" (?:failed|failure|subsystem)|returned mail|delivery (?:failure|has failed)|unzustellbar"
    r"|nicht zustellbar|non remis|échec de (?:la )?remise|no se puede entregar|no entregado"
    r"|read|gelesen|lu|leído|read receipt|accepted|declined|tentative(?:ly accepted)?"
    r"|angenommen|abgelehnt|mit vorbehalt angenommen|accepté|refusé|provisoire|aceptado|aceptada"
    r"|rechazado|rechazada|provisional)\s*:",
    re.I,
)
REPORT_SENDER = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon)@", re.I)
# A seasonal greeting that answers nothing is a mailing ("Season's greetings from the
# team"); returned to the candidate ("Happy holidays to you too!") it is a person's reply.
GREETING = re.compile(
    r"\b(?:season'?s greetings|happy holidays|merry christmas|happy new year|holiday season"
    r"|frohe (?:festtage|weihnachten|feiertage)|schöne feiertage|guten rutsch|joyeuses fêtes"
    r"|bonne année|felices fiestas|feliz navidad|próspero año)\b",
    re.I,
)
RECIPROCAL = re.compile(
    r"\b(?:to you too|you too|same to you|likewise|gleichfalls|ebenso|dir auch|ihnen auch"
    r"|à vous aussi|de même|igualmente|para ti también|para usted también)\b",
    re.I,
)
