-- Leadership and legal documents (văn bản chỉ đạo điều hành) published on the portal: number and
-- symbol as printed, type, issuing body, signer, dates, summary (trích yếu), PDF attachments,
-- "replaces" links, and public comment on drafts with moderation.

CREATE TABLE legal_documents (
    id {id},
    unit_id BIGINT NOT NULL REFERENCES units (id),
    number_symbol TEXT NOT NULL,
    family TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    issuer TEXT NOT NULL,
    signer TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    effective_on TEXT,
    expires_on TEXT,
    summary TEXT NOT NULL,
    search_folded TEXT NOT NULL,
    replaces_id BIGINT REFERENCES legal_documents (id),
    state TEXT NOT NULL,
    comment_until BIGINT,
    created_by BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    published_at BIGINT
);
CREATE UNIQUE INDEX legal_documents_number ON legal_documents (unit_id, number_symbol, issued_on);
CREATE INDEX legal_documents_issued ON legal_documents (issued_on);

CREATE TABLE legal_document_files (
    id {id},
    document_id BIGINT NOT NULL REFERENCES legal_documents (id),
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX legal_document_files_document ON legal_document_files (document_id);

CREATE TABLE document_comments (
    id {id},
    document_id BIGINT NOT NULL REFERENCES legal_documents (id),
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    moderated_by BIGINT REFERENCES accounts (id),
    moderated_at BIGINT
);
CREATE INDEX document_comments_document ON document_comments (document_id);
