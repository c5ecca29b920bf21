-- The applicant's own documents and the results delivered online (issue
-- 15 items 4 and 6). An applicant who sends a supplement through the
-- public lookup page is no member of staff: the files they upload and
-- the links attaching them to their dossier have no person (NULL; the
-- journal names the actor "the applicant, online").
ALTER TABLE files ALTER COLUMN uploaded_by DROP NOT NULL;
ALTER TABLE file_links ALTER COLUMN attached_by DROP NOT NULL;

-- Whether the procedure's result may be downloaded by the applicant from
-- the lookup page once the dossier is resolved (trả kết quả trực tuyến):
-- data the administrator sets on each version of the procedure.
ALTER TABLE procedures ADD COLUMN online_result BOOLEAN NOT NULL DEFAULT FALSE;
