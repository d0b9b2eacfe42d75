"""Broad phrase families of the reply classifier in Spanish, by category.

Shapes of sentences, in the usted and the tú forms ("no podremos contar con usted",
"hemos decidido avanzar con perfiles que ...", "has sido la persona elegida").
"""

from __future__ import annotations

FAMILIES: dict[str, tuple[str, ...]] = {
    "rejection": (
        r"\bno (?:podremos|podemos|vamos a poder) continuar con (?:su|tu) (?:postulación"
        r"|solicitud|candidatura)\b|\b(?:hemos|han) (?:cogido|contratado|elegido"
        r"|escogido) a (?:un|una|otr)\w*\b",
        r"\b(?:oferta|propuesta)\b.{0,20}\ba otr[oa]s?\b|\b(?:cargo|vacante|plaza"
        r"|puesto)\b.{0,40}\b(?:queda|quedó) (?:cubiert|ocupad)[oa]\b|\bno va a poder ser\b",
        r"\b(?:oferta de empleo|puesto|plaza|vacante|proceso"
        r"|procedimiento)\b.{0,60}\b(?:anulad[oa]|cancelad[oa]|desiert[oa]|sin provisión)\b"
        r"|\bno se continuará con (?:ninguna|su|tu|las)\b",
        r"\b(?:vacante|plaza|posición|oferta de empleo|puesto)\b.{0,40}\b(?:ya )?(?:fue|ha sido"
        r"|está|quedó|se ha) (?:cubiert|ocupad)[oa]",
        r"\b(?:cubierto|ocupado|cubrieron|ocuparon|cubrió)\s+(?:la|el)\s+(?:vacante|puesto"
        r"|posición|plaza)\b",
        r"\b(?:seguido|continuado|avanzado|ido) adelante con (?:otr[oa]s?|un perfil"
        r"|una persona)\b|\bno seleccionad[oa]s?\b",
        r"\b(?:decidido|decidimos|decidió)\b.{0,60}\b(?:cubrir|ocupar)\b.{0,40}\b(?:internamente"
        r"|con (?:otra|otro|una persona))",
        r"\b(?:vacante|puesto|posición|plaza|proceso)\b.{0,60}\b(?:cancelad[oa]|cancelarla"
        r"|cancelarlo|suprimid[oa])",
        r"\bno (?:vamos a poder|podemos|podremos|podr[ée]) (?:avanzar|seguir adelante|seguir"
        r"|continuar) (?:contigo|con usted|con vos|con (?:tu|su) (?:candidatura|proceso|perfil))",
        r"\b(?:oferta|puesto|posición|vacante|plaza)\b.{0,20}\ba (?:otra persona|otro candidato"
        r"|otra candidata)",
        r"\b(?:inclinamos|inclinaron|decantamos|decantado|decidimos) por (?:otr[oa])",
        r"\bno (?:ha|has) sido (?:la persona |el candidato |la candidata )(?:seleccionad|elegid)",
        r"\bdecid\w* no (?:continuar|seguir|avanzar)\b|\bse lo (?:dimos|dieron|hemos dado) a\b"
        r"|\ba alguien (?:más|de dentro|interno)\b|\bno (?:ha sido )?a (?:tu|su) favor\b",
        r"\b(?:elegido|escogido|seleccionado|optado por) (?:a )?otr[oa]s? "
        r"(?:perfil|candidat|persona)",
        r"\ba favor de (?:otr[oa]s?)\b|\bcerramos (?:tu|su) participación\b",
        r"\bno (?:continuar|seguir|avanzar)\w*\b.{0,10}\b(?:en|con) (?:el|tu|su) proceso",
        r"\bno (?:ha|has) (?:sido|resultado) (?:seleccionad|elegid|finalista)",
        r"\b(?:puesto|posición|vacante|plaza)\b.{0,40}\b(?:otra persona|otro candidato|otra "
        r"candidata|otro perfil)",
        r"\bno (?:continuará|continúa|seguirá|avanzará|avanza)\b|\b(?:decidido|optado por) no "
        r"(?:seguir|continuar|avanzar|contar)",
        r"\bno (?:podremos|podemos|vamos a poder) contar con (?:usted|tigo|vos)",
        r"\b(?:decidido|optado|elegido)\b.{0,30}\b(?:avanzar|continuar|seguir)\b.{0,30}\bcon "
        r"(?:otros?|otras?|perfiles|candidat|personas)",
        r"\blamentablemente\b.{0,80}\bno\b.{0,40}\b(?:seguir|continuar|avanzar|seleccionad"
        r"|contar|ofrecer)|\bno (?:se ajusta|encaja)\b|\bhemos cubierto (?:la|el) (?:vacante|puesto"
        r"|posición)",
        r"\b(?:adjudicad|asignad|otorgad|cubiert)[oa] a (?:otro|otra|otros|otras)\b",
        r"\ben esta ocasión no\b|\bno (?:ha|has) (?:sido|resultado) (?:seleccionad|elegid)",
    ),
    "offer": (
        r"\bqueremos que (?:te incorpores|te unas|formes parte|seas parte)\b|\b(?:propuesta"
        r"|oferta) con las condiciones\b",
        r"\bseguir adelante con (?:usted|tigo|vos|ti)\b|\bcarta (?:de )?oferta\b",
        r"\bte queremos en (?:el|nuestro) equipo\b|\bbienvenid[oa] a bordo\b",
        r"(?<!no )\b(?:has|ha) sido (?:la persona |el candidato |la candidata )?"
        r"(?:elegid|seleccionad)[oa]\b(?! para (?:la|una) (?:siguiente|próxima|segunda))",
        r"\b(?:quedaste|quedó|ha quedado|has quedado) seleccionad[oa]\b|\bseleccionad[oa] para el"
        r" puesto\b|\bte (?:mando|envío|enviamos|paso) la oferta\b",
        r"\bpropuesta (?:económica|de contratación|formal|salarial)\b|\bbienvenid[oa] al equipo\b",
    ),
    "next_round": (
        r"\b(?:mover|cambiar|reprogramar)\b.{0,20}\b(?:la |nuestra )?(?:entrevista|llamada"
        r"|reunión|cita)\b|\bte funcionar\w*\b",
        r"\bpas(?:aste|ó|ás|as|aron|amos) a la (?:segunda|siguiente|próxima|última"
        r"|tercera) (?:instancia|etapa|fase|ronda)\b|\bagendar\b.{0,30}\bcharla\b",
        r"\bconvoca\w*\b.{0,60}\b(?:entrevista|prueba|fase)\b",
        r"\búltima entrevista\b|\bqué (?:día|días|horario|hora)s? te (?:viene|va|vendría|iría)n? "
        r"(?:bien|mejor)",
        r"\bvolver a ver(?:te|le|nos)\b|\b(?:te|le|les) invitamos a\b",
        r"\bsuperado (?:la|el) (?:primera|fase|etapa|entrevista)|\b(?:le|te) proponemos una "
        r"(?:reunión|entrevista|llamada)|\bconfirm\w* (?:su|tu) asistencia\b",
        r"\bconocer(?:te|le|la|lo) en persona\b|"
        r"\bsiguiente paso\b|\bprueba técnica\b|\b(?:otra|una|nueva|segunda|próxima) charla con\b"
        r"|\bte (?:va|viene) bien\b"
        r"|\ble (?:va|viene) bien\b",
    ),
    "info_request": (
        r"\b(?:quisiera|querría|nos gustaría|le gustaría) (?:ver|recibir)\b|\bcuál es (?:tu"
        r"|su) (?:preaviso|pretensión|salario|disponibilidad)\b",
        r"\b(?:le|te|les) (?:solicitamos|pedimos|pido|solicito)\b(?! (?:disculpas|perd[oó]n"
        r"|paciencia|comprensi[oó]n))",
        r"\b(?:me|nos) (?:puedes|puede|podrías|podría) (?:mandar|enviar|pasar|compartir)",
        r"\b(?:te|le) agradecer\w* (?:que nos|si nos) (?:envi|mand|facilit|indic)",
        r"\bnos falta(?:n)?\b.{0,30}\b(?:tu|su|tus|sus)\b",
        r"\bnecesit\w+ que (?:nos|me) (?:mand|envi|compart|indiqu|facilit)",
    ),
    "delay": (
        r"\bposponer\b|\bpospon\w*|\b(?:tenemos|hay) que esperar\b|\b(?:disculpas|perdón"
        r"|perdona) (?:por|la) (?:la )?espera\b",
        r"\bposterg\w*|\bse encuentra de licencia\b|\b(?:está|están) de licencia\b",
        r"\bse (?:va|van) a (?:retrasar|demorar|alargar|posponer|aplazar)\b|\bpausad[oa]\b",
        r"\b(?:ha|han) estado de baja\b|\b(?:está|están) de baja\b|\b(?:pedido|piden|pide"
        r"|necesitan|necesitamos|pidieron) (?:un poco (?:más )?de |más )?margen\b",
        r"\b(?:enferm[oa]|de baja (?:médica|por enfermedad))\b",
        r"\b(?:se reúne|se reunirá|nos reunimos|nos reuniremos)\b.{0,40}\b(?:después|tras"
        r"|de nuevo|otra vez)\b|\bdespués de (?:las fiestas|navidad|año nuevo|reyes)\b",
        r"\bse (?:ha |está |nos está |nos ha |han |están )(?:extendi|alarg|retras|demor|pospus"
        r"|aplaz)\w*",
        r"\balargando\b|\bmás de lo (?:previsto|esperado|pensado|planeado)\b",
        r"\bno hay novedades\b|\bquedó para (?:después|el|la)\b",
        r"\ben suspenso\b|\bse reanude\b",
        r"\bmás tiempo del? (?:que )?(?:esperábamos|previsto|esperado|pensado)",
        r"\bno (?:ha|hemos) (?:terminado|concluido|finalizado)\b",
        r"\ben pausa\b|\bcongelad[oa]\b",
        r"\bse (?:ha )?(?:extendi|alarg|retras|demor|pospus|aplaz)\w*",
        r"\b(?:aún|todavía) no (?:tenemos|hay|hemos)\b",
        r"\b(?:todavía|aún) (?:estamos )?esperando\b",
        r"\bdemora\b(?! en (?:responder|contestar))|\b(?:se ha )?alargado\b|\b(?:está|están"
        r"|estamos) tardando\b|\btardaremos\b",
        r"\b(?:unos|algunos) días más\b|\b(?:días|semanas) adicionales\b",
        r"\bse ha (?:pospuesto|aplazado|retrasado)\b|\bpospuest[oa]\b",
    ),
    "acknowledgement": (
        r"\bse lo (?:paso|pasé|he pasado|pasamos)\b|\ben cuanto (?:tengamos|tenga) (?:novedades"
        r"|noticias)\b",
        r"\bacus(?:amos|o) recibo\b",
        r"\bhecho llegar\b|\bmuy amable\b",
        r"\bte cuento (?:novedades|algo)\b|\blo comparto con\b",
        r"\b(?:te|le|les) (?:escribimos|escribiremos|contestamos|respondemos|diremos|avisamos)\b",
        r"\btomamos nota\b|\b(?:esperamos|espero) tener (?:una )?(?:respuesta|noticias|decisión)\b",
        r"\b(?:te|le|les) mantendremos informad|\bte (?:cuento|contaré|diré) (?:algo|en cuanto)",
        r"\bseguimos (?:entrevistando|en proceso|revisando|valorando)\b",
    ),
}
