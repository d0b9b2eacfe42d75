"""Broad phrase families of the reply classifier in French, by category.

Shapes of sentences ("choisi de poursuivre avec un profil ...", "faire une proposition pour
rejoindre ..."), with room for the adverbs and articles French puts between the words.
"""

from __future__ import annotations

FAMILIES: dict[str, tuple[str, ...]] = {
    "rejection": (
        r"\b(?:offre|mission)\b.{0,30}\b(?:a été|est) (?:\w+ )?pourvue?\b"
        r"|\bn'ira (?:donc )?pas plus loin\b|\bchoisi (?:un|une) (?:autre )?(?:candidat|candidate"
        r"|profil|personne)\b",
        r"\bsupprim\w* (?:le|ce) poste\b|\baucune? (?:candidat\w*|candidature) ne sera retenue?\b",
        r"\b(?:retenu|choisi|privilégié) une candidature interne\b|\b(?:suis|sommes|avons"
        r"|ai) (?:le|au) regret\b",
        r"\b(?:poste|recrutement)\b.{0,60}\b(?:annulée?|supprimée?|fermée?)\b",
        r"\b(?:décidé|décide|choisi)\b.{0,30}\b(?:poursuivre|continuer"
        r"|avancer)\b.{0,20}\bavec (?:une|un) (?:autre )?(?:personne|candidat|candidate|profil)\b",
        r"\bchoisi (?:quelqu'un|une personne|un profil|un candidat) (?:qui|d'autre|dont|ayant)\b",
        r"\bfait le choix (?:de|d')\b.{0,60}\b(?:autre|ne pas)\b|\bposte\b.{0,30}\b(?:pourvu"
        r"|comblé)\b",
        r"\b(?:offre|poste|proposition)\b.{0,20}\bà (?:un|une) autre (?:candidat|personne|profil)",
        r"\bpench[ée]s? (?:pour|vers) (?:un|une) autre\b",
        r"\b(?:opté|optons|choisi) pour (?:un|une) (?:autre )?(?:candidat|profil|personne)",
        r"\bpas en votre faveur\b",
        r"\bchoix\b.{0,20}\b(?:d'une autre|d'un autre|sur une autre|sur un autre)\b",
        r"\b(?:arrêté|porté|fixé) (?:notre|son|leur) choix sur (?:un|une) autre\b"
        r"|\bchoix s'est porté sur (?:un|une) autre\b",
        r"\bdécidé de ne pas (?:poursuivre|donner suite|retenir|continuer)",
        r"\bd'autres (?:candidats|profils|candidatures)\b.{0,40}\b(?:correspond|plus proches|mieux"
        r"|davantage)",
        r"\b(?:choisi|décidé|préféré|opté)\b.{0,30}\b(?:poursuivre|continuer|avancer"
        r"|aller)\b.{0,20}"
        r"\bavec (?:un|une|d')\s?(?:autres?\s+)?(?:profil|candidat|personne)",
        r"\bne correspond(?:ait|ent)? pas\b|\bpas été sélectionnée?s?\b",
        r"\b(?:attribuée?|confiée?|proposée?) à (?:un|une) autre\b",
        r"\bn'(?:a|avons|ont|avez) pas (?:été )?retenue?s?\b",
        r"\bne (?:pourrons|pouvons|sommes|serons) pas\b.{0,40}\b(?:poursuivre|donner suite|retenir"
        r"|proposer le poste|en mesure)",
        r"\bmalheureusement\b.{0,80}\b(?:pas|plus)\b.{0,30}\b(?:retenu|suite|poursuivre|sélectionn"
        r"|proposer)",
    ),
    "offer": (
        r"\blettre d'offre\b|\boffre (?:officielle|d'emploi|écrite) (?:va suivre|suivra|ci-jointe)",
        r"\b(?:que tu te joignes|que vous vous joigniez|te joindre|vous joindre) à (?:l'équipe"
        r"|nous|notre)",
        r"\bque vous nous rejoigniez\b|\bvous (?:compter|accueillir) parmi nous\b",
        r"\bconfirmer votre embauche\b|\bvous embaucher\b",
        r"\b(?:faire|formuler|adresser|soumettre) une (?:proposition|offre)\b.{0,40}\b(?:rejoindre"
        r"|embauche|poste|cdi|cdd|contrat)",
        r"\bbienvenue (?:dans|parmi) (?:l'équipe|nous|notre équipe)"
        r"|\bnous (?:souhaitons|aimerions) vous (?:recruter|embaucher|accueillir)",
    ),
    "next_round": (
        r"\bconvoquée?s?\b.{0,40}\b(?:entretien|jury|épreuve|oral)|\bretenue?s? pour (?:la|le|un"
        r"|une) (?:phase|étape|entretien|tour|suite)",
        r"\b(?:dernière|deuxième|seconde|prochaine) entrevue\b",
        r"\b(?:inviter|convier|convoquer)\b.{0,30}\b(?:entrevue|entretien|rencontre)"
        r"|\bplage horaire\b",
        r"\b(?:organiser|planifier|prévoir|fixer) une? (?:nouvelle |autre )?(?:rencontre|entrevue"
        r"|échange|réunion)",
        r"\bune (?:seconde|deuxième) fois\b",
        r"\bétape suivante\b|\bcas pratique\b|(?<!notre )(?<!votre )(?<!ton )\bdernier échange\b",
        r"\bvous revoir\b|\b(?:un )?échange avec (?:notre|le|la|nos)\b",
        r"\bvous rencontrer\b|\bcréneaux?\b|\bpoursuivre avec vous\b|\bvous présenter à\b",
        r"\bvous (?:conviendrai(?:en)?t|convient|conviennent)\b",
        r"\bentretien avec (?:l'équipe|notre|le|la|nos)\b|\b(?:nouvel|second|deuxième|prochain)"
        r" (?:entretien|échange|rendez-vous)",
    ),
    "info_request": (
        r"\b(?:aimerait|aimerions|voudrait|voudrions|souhaiterait|souhaiterions) (?:voir|recevoir"
        r"|avoir)\b|\bquel(?:le)? est (?:votre|ton|ta) (?:préavis|prétention|disponibilité"
        r"|salaire|rémunération)",
        r"\bbesoin que (?:vous|tu)\b|\b(?:compléter|complétiez|complètes?)\b.{0,40}\b(?:dossier"
        r"|formulaire|fiche|espace)",
        r"\bpouvez-vous (?:me |nous )?communiquer\b",
        r"\bpouvez-vous (?:me |nous )?(?:confirmer|indiquer|envoyer|transmettre|préciser)",
        r"\bil (?:nous|me) manque\b",
        r"\b(?:j'aurais|nous aurions|on aurait|nous avons|j'ai) besoin (?:de|d')",
        r"\bpourriez-vous\b.{0,60}\b(?:envoyer|transmettre|faire parvenir|partager)",
    ),
    "delay": (
        r"\b(?:malade|en arrêt maladie|souffrant)\b",
        r"\battend\w*\b.{0,40}\b(?:le retour|la réponse|l'avis|la validation|les retours)\b",
        r"\b(?:recrutement|processus|poste)\b.{0,40}\b(?:temporairement )?suspendue?\b",
        r"\b(?:on n'a|n'avons|n'a|n'ont) pas encore (?:pu|eu)\b",
        r"\bgel(?:er|é|ée|és)?\b.{0,40}\b(?:recrutement|embauche|processus|poste)"
        r"|\b(?:recrutement|embauche)s?\b.{0,40}\bgel",
        r"\battend\w* encore\b|\bavant de conclure\b",
        r"\bprend\w* (?:un peu )?plus de temps\b",
        r"\ben suspens\b|\bmise? en pause\b|\bgelée?\b",
        r"\bralenti\b|\bpas encore (?:de |d')(?:retour|réponse|décision|nouvelles)|\bpas encore "
        r"(?:terminé|finalisé|clôturé)",
        r"\bglisse (?:à|au|vers|jusqu)",
        r"\bpas encore (?:tranché|décidé|statué)\b",
        r"\b(?:semaine|jour|mois)s? supplémentaires?\b",
        r"\bpas encore en mesure\b",
        r"\bpas avant\b|\b(?:excuses|désolée?s?) (?:pour|du) (?:le |ce )?(?:délai|retard|attente)",
        r"\b(?:jours|semaines) supplémentaires\b|\bpas encore (?:de|pris de) décision\b",
        r"\b(?:reporté|repoussé|décalé|retardé)e?s?\b|\bplus (?:long|tard) que prévu\b",
    ),
    "acknowledgement": (
        r"\baccus\w* (?:bonne )?réception\b",
        r"\bmerci (?:beaucoup |bien )?(?:pour|de) (?:ton|ta) (?:message|mot|courriel|retour)",
        r"\b(?:reviendr\w*|reviens|revenir) vers (?:toi|vous)\b|\bje te (?:tiens"
        r"|tiendrai) au courant\b",
        r"\baccus(?:ons|e) réception\b",
        r"\bje le (?:partage|transmets|fais suivre)\b|\bgentil message\b",
        r"\b(?:c'est|bien) noté\b|\b(?:on se|je vous|nous vous) tien\w* au courant\b",
        r"\b(?:a|ont) bien été (?:transmise?s?|reçue?s?|transférée?s?)\b",
        r"\bvous (?:donnerons|donner|apporter|apporterons) (?:des nouvelles|une réponse|un retour)",
        r"\bbien noté\b|\bje (?:transmets|transmettrai|fais suivre)\b",
        r"\bmerci (?:beaucoup |bien )?pour votre (?:mot|message|gentil)",
    ),
}
