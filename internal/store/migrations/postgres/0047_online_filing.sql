-- Online filing (nộp hồ sơ trực tuyến, issue 15 item 4). The applicant on
-- the portal is no person of the staff, but files and their links name who
-- uploaded and attached them (files.uploaded_by, file_links.attached_by,
-- both REFERENCES people). Each agency gets one inactive person without a
-- membership or an account, "Cổng dịch vụ công", created with the agency's
-- first online filing: the uploader of what applicants send. It holds no
-- role, so it may do nothing; the staff lists leave it out.
CREATE TABLE portal_people (
    agency_id BIGINT PRIMARY KEY REFERENCES units(id),
    person_id BIGINT NOT NULL UNIQUE REFERENCES people(id)
);

-- The cap on open online dossiers per e-mail address or phone number
-- counts an applicant's online dossiers: one index per contact, online
-- dossiers only.
CREATE INDEX dossiers_online_email ON dossiers(applicant_email, status) WHERE channel = 'online';
CREATE INDEX dossiers_online_phone ON dossiers(applicant_phone, status) WHERE channel = 'online';
