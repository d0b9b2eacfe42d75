BEGIN TRANSACTION;
CREATE TABLE actions (
    interview_id TEXT NOT NULL,
    type TEXT NOT NULL,
    state TEXT NOT NULL,
    due TEXT NOT NULL,
    done_at TEXT,
    PRIMARY KEY (interview_id, type)
);
INSERT INTO "actions" VALUES('ics:calendar.ics/acme-panel-1@example.com','thank_you','done','2026-12-01T16:00:00-05:00','2026-12-01T16:00:00-05:00');
INSERT INTO "actions" VALUES('ics:calendar.ics/acme-panel-1@example.com','prep','expired','2026-12-01T13:45:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/acme-panel-1@example.com','debrief','planned','2026-12-01T15:15:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/acme-panel-1@example.com','linkedin','planned','2026-12-03T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/acme-panel-1@example.com','check_in_1','planned','2026-12-09T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/acme-panel-1@example.com','check_in_2','planned','2026-12-23T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/acme-panel-1@example.com','final_follow_up','planned','2026-12-31T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/acme-panel-1@example.com','networking','planned','2027-03-01T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/initech-screen@example.com','prep','planned','2026-12-02T09:15:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/initech-screen@example.com','debrief','planned','2026-12-02T10:15:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/initech-screen@example.com','thank_you','planned','2026-12-02T11:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/initech-screen@example.com','linkedin','planned','2026-12-04T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/initech-screen@example.com','check_in_1','planned','2026-12-14T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/initech-screen@example.com','check_in_2','planned','2026-12-28T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/initech-screen@example.com','final_follow_up','planned','2027-01-04T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/initech-screen@example.com','networking','planned','2027-03-05T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/globex-final@example.com','prep','planned','2026-12-03T16:45:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/globex-final@example.com','debrief','planned','2026-12-03T19:45:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/globex-final@example.com','thank_you','planned','2026-12-04T09:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/globex-final@example.com','linkedin','planned','2026-12-07T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/globex-final@example.com','check_in_1','planned','2026-12-14T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/globex-final@example.com','check_in_2','planned','2026-12-28T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/globex-final@example.com','final_follow_up','planned','2027-01-04T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/globex-final@example.com','networking','planned','2027-03-05T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/hooli-tech@example.com','prep','planned','2026-12-04T09:45:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/hooli-tech@example.com','debrief','planned','2026-12-04T11:15:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/hooli-tech@example.com','thank_you','planned','2026-12-04T12:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/hooli-tech@example.com','linkedin','planned','2026-12-08T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/hooli-tech@example.com','check_in_1','planned','2026-12-21T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/hooli-tech@example.com','check_in_2','planned','2027-01-04T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/hooli-tech@example.com','final_follow_up','planned','2027-01-11T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/hooli-tech@example.com','networking','planned','2027-03-12T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/piedpiper-london@example.com','prep','planned','2026-12-07T09:45:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/piedpiper-london@example.com','debrief','planned','2026-12-07T11:15:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/piedpiper-london@example.com','thank_you','planned','2026-12-07T12:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/piedpiper-london@example.com','linkedin','planned','2026-12-09T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/piedpiper-london@example.com','check_in_1','planned','2026-12-17T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/piedpiper-london@example.com','check_in_2','planned','2026-12-31T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/piedpiper-london@example.com','final_follow_up','planned','2027-01-07T10:00:00-05:00',NULL);
INSERT INTO "actions" VALUES('ics:calendar.ics/piedpiper-london@example.com','networking','planned','2027-03-08T10:00:00-05:00',NULL);
CREATE TABLE cache (name TEXT PRIMARY KEY, fingerprint TEXT, data TEXT);
INSERT INTO "cache" VALUES('source','5363:1796205234495106826:2164417|4977a71d1105a79c','{"cancellations": [{"id": "ics:calendar.ics/vandelay-onsite@example.com", "title": "Onsite interview - Vandelay Industries"}], "interviews": [{"company": "Acme", "contact": {"email": "sam@acme.com", "name": "Sam Recruiter"}, "domains": ["acme.com"], "end": "2026-12-01T15:00:00-05:00", "explicit_round": false, "id": "ics:calendar.ics/acme-panel-1@example.com", "interviewers": [{"email": "jane@acme.com", "name": "Jane Doe"}, {"email": "raj@acme.com", "name": "Raj Patel"}], "kind": "panel", "location": "Acme Corp, 200 Park Ave, New York", "prefers_phone": false, "recurrence_id": null, "role": "Senior Developer", "round": 1, "source_id": "ics:calendar.ics", "start": "2026-12-01T14:00:00-05:00", "timeline": {"origin": "description", "text": "next Tuesday"}, "title": "Interview with Acme - Senior Developer", "uid": "acme-panel-1@example.com"}, {"company": "Initech", "contact": {"email": "peter@initech.com", "name": "Peter Gibbons"}, "domains": ["initech.com"], "end": "2026-12-02T10:00:00-05:00", "explicit_round": false, "id": "ics:calendar.ics/initech-screen@example.com", "interviewers": [{"email": "peter@initech.com", "name": "Peter Gibbons"}], "kind": "phone", "location": "+1 555 0142", "prefers_phone": false, "recurrence_id": null, "role": "Data Analyst", "round": 1, "source_id": "ics:calendar.ics", "start": "2026-12-02T09:30:00-05:00", "timeline": null, "title": "Phone screen with Initech", "uid": "initech-screen@example.com"}, {"company": "Globex", "contact": {"email": "mindy@globex.com", "name": "Mindy Tan"}, "domains": ["globex.com"], "end": "2026-12-03T19:30:00-05:00", "explicit_round": false, "id": "ics:calendar.ics/globex-final@example.com", "interviewers": [{"email": "hank@globex.com", "name": "Hank Scorpio"}, {"email": "mindy@globex.com", "name": "Mindy Tan"}], "kind": "final", "location": "Globex HQ, 1 Cypress Creek Rd", "prefers_phone": false, "recurrence_id": null, "role": "Product Manager", "round": 1, "source_id": "ics:calendar.ics", "start": "2026-12-03T17:00:00-05:00", "timeline": null, "title": "Final round - Globex", "uid": "globex-final@example.com"}, {"company": "Hooli", "contact": {"email": "gavin@hooli.com", "name": "Gavin Belson"}, "domains": ["hooli.com"], "end": "2026-12-04T11:00:00-05:00", "explicit_round": false, "id": "ics:calendar.ics/hooli-tech@example.com", "interviewers": [{"email": "gavin@hooli.com", "name": "Gavin Belson"}], "kind": "video", "location": "", "prefers_phone": false, "recurrence_id": null, "role": null, "round": 1, "source_id": "ics:calendar.ics", "start": "2026-12-04T10:00:00-05:00", "timeline": {"origin": "description", "text": "within 2 weeks"}, "title": "Hooli: technical screen", "uid": "hooli-tech@example.com"}, {"company": "Pied Piper", "contact": {"email": "monica@piedpiper.com", "name": "Monica Hall"}, "domains": ["piedpiper.com"], "end": "2026-12-07T16:00:00+00:00", "explicit_round": false, "id": "ics:calendar.ics/piedpiper-london@example.com", "interviewers": [{"email": "richard@piedpiper.com", "name": "Richard Hendricks"}], "kind": "video", "location": "https://zoom.us/j/5551234567", "prefers_phone": false, "recurrence_id": null, "role": "Backend Engineer", "round": 1, "source_id": "ics:calendar.ics", "start": "2026-12-07T15:00:00+00:00", "timeline": null, "title": "Interview with Pied Piper - Backend Engineer", "uid": "piedpiper-london@example.com"}], "skipped": [{"id": "ics:calendar.ics/vandelay-onsite@example.com", "reason": "cancelled", "title": "Onsite interview - Vandelay Industries"}, {"id": "ics:calendar.ics/soylent-call@example.com", "reason": "declined", "title": "Recruiter call with Soylent"}, {"id": "ics:calendar.ics/mock-1@example.com", "reason": "excluded by ''mock interview''", "title": "Mock interview with my career coach"}, {"id": "ics:calendar.ics/training-series@example.com", "reason": "recurring series", "title": "Interview training"}, {"id": "ics:calendar.ics/interview-day@example.com", "reason": "all-day event", "title": "Interview day"}], "unreadable": [], "warnings": []}');
INSERT INTO "cache" VALUES('reminders','34585:1796205238012301557:2164450','true');
INSERT INTO "cache" VALUES('drafts','f54bbf5337ad43d791a333484e30ad81','true');
CREATE TABLE cursors (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cycles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    summary TEXT NOT NULL
);
INSERT INTO "cycles" VALUES(1,'2026-12-01T16:00:00-05:00',1,'wrote: 39 reminders created, 0 moved, 0 removed; 2 drafts created, 0 removed; 0 changes by you noticed');
CREATE TABLE interviews (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    gone TEXT,
    gone_at TEXT,
    outcome TEXT,
    outcome_at TEXT,
    replied_at TEXT,
    timeline_command TEXT,
    debrief_timeline TEXT,
    debrief_note TEXT,
    status TEXT NOT NULL DEFAULT 'active'
);
INSERT INTO "interviews" VALUES('ics:calendar.ics/acme-panel-1@example.com','{"company": "Acme", "contact": {"email": "sam@acme.com", "name": "Sam Recruiter"}, "domains": ["acme.com"], "end": "2026-12-01T15:00:00-05:00", "explicit_round": false, "id": "ics:calendar.ics/acme-panel-1@example.com", "interviewers": [{"email": "jane@acme.com", "name": "Jane Doe"}, {"email": "raj@acme.com", "name": "Raj Patel"}], "kind": "panel", "location": "Acme Corp, 200 Park Ave, New York", "prefers_phone": false, "recurrence_id": null, "role": "Senior Developer", "round": 1, "source_id": "ics:calendar.ics", "start": "2026-12-01T14:00:00-05:00", "timeline": {"origin": "description", "text": "next Tuesday"}, "title": "Interview with Acme - Senior Developer", "uid": "acme-panel-1@example.com"}','2026-12-01T16:00:00-05:00','2026-12-01T16:00:00-05:00',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'active');
INSERT INTO "interviews" VALUES('ics:calendar.ics/initech-screen@example.com','{"company": "Initech", "contact": {"email": "peter@initech.com", "name": "Peter Gibbons"}, "domains": ["initech.com"], "end": "2026-12-02T10:00:00-05:00", "explicit_round": false, "id": "ics:calendar.ics/initech-screen@example.com", "interviewers": [{"email": "peter@initech.com", "name": "Peter Gibbons"}], "kind": "phone", "location": "+1 555 0142", "prefers_phone": false, "recurrence_id": null, "role": "Data Analyst", "round": 1, "source_id": "ics:calendar.ics", "start": "2026-12-02T09:30:00-05:00", "timeline": null, "title": "Phone screen with Initech", "uid": "initech-screen@example.com"}','2026-12-01T16:00:00-05:00','2026-12-01T16:00:00-05:00',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'active');
INSERT INTO "interviews" VALUES('ics:calendar.ics/globex-final@example.com','{"company": "Globex", "contact": {"email": "mindy@globex.com", "name": "Mindy Tan"}, "domains": ["globex.com"], "end": "2026-12-03T19:30:00-05:00", "explicit_round": false, "id": "ics:calendar.ics/globex-final@example.com", "interviewers": [{"email": "hank@globex.com", "name": "Hank Scorpio"}, {"email": "mindy@globex.com", "name": "Mindy Tan"}], "kind": "final", "location": "Globex HQ, 1 Cypress Creek Rd", "prefers_phone": false, "recurrence_id": null, "role": "Product Manager", "round": 1, "source_id": "ics:calendar.ics", "start": "2026-12-03T17:00:00-05:00", "timeline": null, "title": "Final round - Globex", "uid": "globex-final@example.com"}','2026-12-01T16:00:00-05:00','2026-12-01T16:00:00-05:00',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'active');
INSERT INTO "interviews" VALUES('ics:calendar.ics/hooli-tech@example.com','{"company": "Hooli", "contact": {"email": "gavin@hooli.com", "name": "Gavin Belson"}, "domains": ["hooli.com"], "end": "2026-12-04T11:00:00-05:00", "explicit_round": false, "id": "ics:calendar.ics/hooli-tech@example.com", "interviewers": [{"email": "gavin@hooli.com", "name": "Gavin Belson"}], "kind": "video", "location": "", "prefers_phone": false, "recurrence_id": null, "role": null, "round": 1, "source_id": "ics:calendar.ics", "start": "2026-12-04T10:00:00-05:00", "timeline": {"origin": "description", "text": "within 2 weeks"}, "title": "Hooli: technical screen", "uid": "hooli-tech@example.com"}','2026-12-01T16:00:00-05:00','2026-12-01T16:00:00-05:00',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'active');
INSERT INTO "interviews" VALUES('ics:calendar.ics/piedpiper-london@example.com','{"company": "Pied Piper", "contact": {"email": "monica@piedpiper.com", "name": "Monica Hall"}, "domains": ["piedpiper.com"], "end": "2026-12-07T16:00:00+00:00", "explicit_round": false, "id": "ics:calendar.ics/piedpiper-london@example.com", "interviewers": [{"email": "richard@piedpiper.com", "name": "Richard Hendricks"}], "kind": "video", "location": "https://zoom.us/j/5551234567", "prefers_phone": false, "recurrence_id": null, "role": "Backend Engineer", "round": 1, "source_id": "ics:calendar.ics", "start": "2026-12-07T15:00:00+00:00", "timeline": null, "title": "Interview with Pied Piper - Backend Engineer", "uid": "piedpiper-london@example.com"}','2026-12-01T16:00:00-05:00','2026-12-01T16:00:00-05:00',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'active');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "meta" VALUES('schema','1');
CREATE TABLE outputs (
    key TEXT PRIMARY KEY,
    interview_id TEXT NOT NULL,
    action TEXT NOT NULL,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL DEFAULT '',
    ref TEXT,
    fingerprint TEXT NOT NULL,
    due TEXT NOT NULL,
    written_at TEXT NOT NULL,
    status TEXT NOT NULL
);
INSERT INTO "outputs" VALUES('4979fc22bd783531619f5492e68bf835','ics:calendar.ics/acme-panel-1@example.com','debrief','calendar','','4979fc22bd783531619f5492e68bf835','2f822d77c95cf06d21f2a45738652989a8d1ca5716da0adabf73e4eb770ac0c3','2026-12-01T15:15:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('b15badbc4ad6058070afd94696d5308a','ics:calendar.ics/acme-panel-1@example.com','thank_you','calendar','','b15badbc4ad6058070afd94696d5308a','18154c85d640008b3b458267f07d41b93a0e7473c7ef61d57646a89348e20650','2026-12-01T16:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('7525370a3e317c4f2b3dbb6fbec5f158','ics:calendar.ics/acme-panel-1@example.com','linkedin','calendar','','7525370a3e317c4f2b3dbb6fbec5f158','78714f4cd75901c2ee332b815ad015280fb8389ffe7b852a53f4759aa407a18b','2026-12-03T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('1ce8725491c12c6191d6c3253a446d07','ics:calendar.ics/acme-panel-1@example.com','check_in_1','calendar','','1ce8725491c12c6191d6c3253a446d07','a36080160bac6917eeca6d1b53b5c3f213730197d33f3ec56c8bf65e69a5d8e5','2026-12-09T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('b935ff89356809f0380a22f290c2b7b6','ics:calendar.ics/acme-panel-1@example.com','check_in_2','calendar','','b935ff89356809f0380a22f290c2b7b6','397ccb028cb1cd9a64afdd24c1f8dffb4fae40d10ae36436770b04b2e733bd05','2026-12-23T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('d4a2246520c4bb717f92793a482c85dd','ics:calendar.ics/acme-panel-1@example.com','final_follow_up','calendar','','d4a2246520c4bb717f92793a482c85dd','ae772b49124c9a85cab203755bc669b462a0e19182bff152d0ecc7602acd68b1','2026-12-31T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('33eef773bb907d1c093ce9296992f3a3','ics:calendar.ics/acme-panel-1@example.com','networking','calendar','','33eef773bb907d1c093ce9296992f3a3','8c3e1adf27c7b4de16645149ed40f0a5aae22d769abab853e911e707c0a64543','2027-03-01T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('5e2a9267ecb9fae403cc341eb5156727','ics:calendar.ics/initech-screen@example.com','prep','calendar','','5e2a9267ecb9fae403cc341eb5156727','69231b76cd3b6a0d715fa1d6fd9cd3d0c4694ccfd28bb38f11f39c6edaf271df','2026-12-02T09:15:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('331e2c0e6cb2592c603e9d9dcdc90db5','ics:calendar.ics/initech-screen@example.com','debrief','calendar','','331e2c0e6cb2592c603e9d9dcdc90db5','5a77ac67ad6b1df8b0a56a10d4f95dbfe5220114ebb043d0197438b958bf44cf','2026-12-02T10:15:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('97bfc9ac190986ec135666407326feda','ics:calendar.ics/initech-screen@example.com','thank_you','calendar','','97bfc9ac190986ec135666407326feda','4fcab6e17778f56e84a05b83dfe175acf5f5b03d920f3c8b43004c4aeffc786f','2026-12-02T11:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('22d809d6b04546fa1645d6b6ce277f4a','ics:calendar.ics/initech-screen@example.com','linkedin','calendar','','22d809d6b04546fa1645d6b6ce277f4a','5ca6414f870644f0a2c11b1a44b0ca7d7633f9d0fb12cca9f6652a1ab96e1dcf','2026-12-04T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('c3a5adf94559780bf7cb039c377fcbde','ics:calendar.ics/initech-screen@example.com','check_in_1','calendar','','c3a5adf94559780bf7cb039c377fcbde','f11f8766c175a2b9aafbcd1737e5154cc1f7f8a915d2c22e397fd55d41e5c820','2026-12-14T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('c8626bf43cde42dcc1a93fc581b9840d','ics:calendar.ics/initech-screen@example.com','check_in_2','calendar','','c8626bf43cde42dcc1a93fc581b9840d','eeb8fe6a4dcc648b70f970fc2001dda51b271dc7f3290fcfecec79671d0dfe67','2026-12-28T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('7456b2bbb1142c02785c7218d93893a7','ics:calendar.ics/initech-screen@example.com','final_follow_up','calendar','','7456b2bbb1142c02785c7218d93893a7','fd62aa0449d49adaf2be36353ad39fad149f0375fd8542889823c12ab08d705f','2027-01-04T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('cff4f869c1651dd5d3ca695307b1e507','ics:calendar.ics/initech-screen@example.com','networking','calendar','','cff4f869c1651dd5d3ca695307b1e507','43a3f559e0302e7c0977a59ff68b8cee861bbd30f8416cc83e1b8d71168511c3','2027-03-05T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('8288e889858c76a68ecb4a55f792ef3b','ics:calendar.ics/globex-final@example.com','prep','calendar','','8288e889858c76a68ecb4a55f792ef3b','4c07dd7566dcb5bd458442f69c3a90481d2926cf4817667f50c5165461154ab7','2026-12-03T16:45:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('b12cd68235c46d8e7262bd458dc5fa18','ics:calendar.ics/globex-final@example.com','debrief','calendar','','b12cd68235c46d8e7262bd458dc5fa18','745a77de3a321d079dfeedbd8714cad38d6ca40ff03236fff2dbaada5a6a31b8','2026-12-03T19:45:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('97f16935f269a962bb1b9d9dcd752119','ics:calendar.ics/globex-final@example.com','thank_you','calendar','','97f16935f269a962bb1b9d9dcd752119','283187b4d59152087db531c96e38b926d4679dda99b43659ef9dc76e195449c8','2026-12-04T09:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('da09b611910e45b5a81a40b7be16d601','ics:calendar.ics/globex-final@example.com','linkedin','calendar','','da09b611910e45b5a81a40b7be16d601','adb79a12ae322679f289231b031b91676dfb13c242e586777d91ce58fee99800','2026-12-07T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('e37d4c7df92e221f48f95a3801de8b9d','ics:calendar.ics/globex-final@example.com','check_in_1','calendar','','e37d4c7df92e221f48f95a3801de8b9d','f50ff454dbae40be7d73462f87d9699c066d94d4702c26cda2d175c6da6f2f28','2026-12-14T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('8bda9a2293a255da1cff1b6ab47a5bd2','ics:calendar.ics/globex-final@example.com','check_in_2','calendar','','8bda9a2293a255da1cff1b6ab47a5bd2','863822bdeb3248cf4fc29a9a9277232ac75cbd5ff19f12ad33dbb326ee74c473','2026-12-28T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('1e772cd0896eaddca76c898633c5f8a3','ics:calendar.ics/globex-final@example.com','final_follow_up','calendar','','1e772cd0896eaddca76c898633c5f8a3','94260fc8f275d450726ade4a3943d4c666fb68697ebd9858c79dad8d83f0be58','2027-01-04T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('8f85da24f72e4aad83e8a06d31bf71df','ics:calendar.ics/globex-final@example.com','networking','calendar','','8f85da24f72e4aad83e8a06d31bf71df','d6544edef8670b51289c9b88152a6d510a83d99a69dd7fd4e057289d38c9a153','2027-03-05T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('a8b7b7e3358b24d2318ea70ff45f0aa9','ics:calendar.ics/hooli-tech@example.com','prep','calendar','','a8b7b7e3358b24d2318ea70ff45f0aa9','e28eeae5bdaa12779274eec44f0b811b4e94d86027b9d0e9b3dea6482397ec9e','2026-12-04T09:45:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('badc8be2c19220fc80ebb79a17bfb73c','ics:calendar.ics/hooli-tech@example.com','debrief','calendar','','badc8be2c19220fc80ebb79a17bfb73c','230e2517f387a0da55b8c3803b6ce387a2bf760f0ae9c10cceb973b6232cc0a1','2026-12-04T11:15:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('3004c26db2a6ebae7dd22b4c15c073e9','ics:calendar.ics/hooli-tech@example.com','thank_you','calendar','','3004c26db2a6ebae7dd22b4c15c073e9','cc65b2c5caf57c3421eace986e53f913758fd07527ddea715a73b22c4273067f','2026-12-04T12:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('d3d2875a5f55e5a47948fa42bc2afbdd','ics:calendar.ics/hooli-tech@example.com','linkedin','calendar','','d3d2875a5f55e5a47948fa42bc2afbdd','94f26c66de1f26f7220f68abf925ebea68c3739cfc097490fa3473e81fa92b75','2026-12-08T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('f2c583a27e0870aea1f2281e20956784','ics:calendar.ics/hooli-tech@example.com','check_in_1','calendar','','f2c583a27e0870aea1f2281e20956784','13b20804e77f8346775c95d3042d9af3a9e05c8ee3b3212274708ab7ba6a1524','2026-12-21T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('fd1c29910c7eb070bbf450f60628eca0','ics:calendar.ics/hooli-tech@example.com','check_in_2','calendar','','fd1c29910c7eb070bbf450f60628eca0','54bc043433beba0249e887266e55c2491db982c13da383bcbeae2a5a27e1e43e','2027-01-04T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('8ae3962429b8b761a8000200e2ff1f76','ics:calendar.ics/hooli-tech@example.com','final_follow_up','calendar','','8ae3962429b8b761a8000200e2ff1f76','9bef688beb9af70b243b3bde25eb9f814a856d16dbd405c9df5e96b1b87a5e13','2027-01-11T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('dc19f77d5d5db410dd4d628eb8ba7a86','ics:calendar.ics/hooli-tech@example.com','networking','calendar','','dc19f77d5d5db410dd4d628eb8ba7a86','4a3441b6b877dc993abd2b09bf70aa0ba40ca69d0b54675121f4e25696fbc3de','2027-03-12T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('e72fc76b1fe9e9bf68aedcfa8a72bfb6','ics:calendar.ics/piedpiper-london@example.com','prep','calendar','','e72fc76b1fe9e9bf68aedcfa8a72bfb6','7176260ad2d885ada5f3b44c1ea9409f9242120703ba3232cf94bd0ed44b6ffd','2026-12-07T09:45:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('15527d820cc4405286f160f56eca13ed','ics:calendar.ics/piedpiper-london@example.com','debrief','calendar','','15527d820cc4405286f160f56eca13ed','171dbe2855f2596c659dcab914c54e0190f4acf59e3bd1284fe6c3a2c038454b','2026-12-07T11:15:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('b190d2ce97941cae8432bac98d29c369','ics:calendar.ics/piedpiper-london@example.com','thank_you','calendar','','b190d2ce97941cae8432bac98d29c369','7aba2268b821e15926956e5dde1bc858ec297fc0b46df7418887427b65287193','2026-12-07T12:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('901a0abc8a28f62ed59f771b9c8dc29c','ics:calendar.ics/piedpiper-london@example.com','linkedin','calendar','','901a0abc8a28f62ed59f771b9c8dc29c','a8762de5f4b1b756852079352188079b25199c2ea1c1af20881aed32b808b5cf','2026-12-09T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('d0c133a2a1143f85b0219a92f88762d6','ics:calendar.ics/piedpiper-london@example.com','check_in_1','calendar','','d0c133a2a1143f85b0219a92f88762d6','d4eba416809a7cc42e930f5f44bf5c936a90380bfeafc4c4e131a14f18cda6e5','2026-12-17T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('c59544f5fa5b90f77a9ae60defc348b8','ics:calendar.ics/piedpiper-london@example.com','check_in_2','calendar','','c59544f5fa5b90f77a9ae60defc348b8','818c76bfcdfac1b7476807562fd9f02b732e4993d5bdf32d0b1d23278f380007','2026-12-31T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('572cb439a8e21f0f18bf2f955ebe88a4','ics:calendar.ics/piedpiper-london@example.com','final_follow_up','calendar','','572cb439a8e21f0f18bf2f955ebe88a4','08e76a123b8b6aa09f2f293f04694c4a2f6a0aa01f79264757a7f286ef3f91a3','2027-01-07T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('405142a9cad55c3b2d4c7817057f3c3d','ics:calendar.ics/piedpiper-london@example.com','networking','calendar','','405142a9cad55c3b2d4c7817057f3c3d','06b1a0c16c80b063104676b75903a8cbd85929e6aa38f705efc219eeb43ddcdf','2027-03-08T10:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('bc8cf4764b23b52e51db5d2b0b956c67','ics:calendar.ics/acme-panel-1@example.com','thank_you','draft','jane@acme.com','1796205238.M44988P2240Q1.vm','09a6e1164b8cfb65d75fb97f65e3e5f7','2026-12-01T16:00:00-05:00','2026-12-01T16:00:00-05:00','live');
INSERT INTO "outputs" VALUES('25409b167215b8faa31e104b4ecbc65e','ics:calendar.ics/acme-panel-1@example.com','thank_you','draft','raj@acme.com','1796205238.M99645P2240Q2.vm','635e6fccfb705236b6bba9c0d3777db2','2026-12-01T16:00:00-05:00','2026-12-01T16:00:00-05:00','live');
CREATE INDEX outputs_by_interview ON outputs (interview_id);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('cycles',1);
COMMIT;
