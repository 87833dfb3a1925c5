-- Public portal: articles with their revisions, workflow events, tags and pictures; pages
-- (introduction and the like); unit contact profiles; aggregated view counters (no visitor data).

CREATE TABLE articles (
    id {id},
    unit_id BIGINT NOT NULL REFERENCES units (id),
    slug TEXT NOT NULL,
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body_html TEXT NOT NULL,
    body_text TEXT NOT NULL,
    author TEXT NOT NULL,
    source TEXT NOT NULL,
    category TEXT NOT NULL,
    cover_image_id BIGINT,
    revision BIGINT NOT NULL,
    publish_at BIGINT,
    expire_at BIGINT,
    first_published_at BIGINT,
    created_by BIGINT REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX articles_slug ON articles (slug);
CREATE INDEX articles_state_publish ON articles (state, publish_at);
CREATE INDEX articles_unit ON articles (unit_id, state);
CREATE INDEX articles_category ON articles (category, state);

CREATE TABLE article_tags (
    article_id BIGINT NOT NULL REFERENCES articles (id),
    slug TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (article_id, slug)
);
CREATE INDEX article_tags_slug ON article_tags (slug);

CREATE TABLE article_revisions (
    id {id},
    article_id BIGINT NOT NULL REFERENCES articles (id),
    revision BIGINT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body_html TEXT NOT NULL,
    author TEXT NOT NULL,
    source TEXT NOT NULL,
    category TEXT NOT NULL,
    tags TEXT NOT NULL,
    created_by BIGINT REFERENCES accounts (id),
    created_by_name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX article_revisions_number ON article_revisions (article_id, revision);

CREATE TABLE article_events (
    id {id},
    article_id BIGINT NOT NULL REFERENCES articles (id),
    at BIGINT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    note TEXT
);
CREATE INDEX article_events_article ON article_events (article_id);

CREATE TABLE article_images (
    id {id},
    article_id BIGINT NOT NULL REFERENCES articles (id),
    caption TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    original_sha TEXT NOT NULL,
    large_sha TEXT NOT NULL,
    medium_sha TEXT NOT NULL,
    thumb_sha TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX article_images_article ON article_images (article_id);
CREATE INDEX article_images_large ON article_images (large_sha);
CREATE INDEX article_images_medium ON article_images (medium_sha);
CREATE INDEX article_images_thumb ON article_images (thumb_sha);

CREATE TABLE portal_pages (
    id {id},
    unit_id BIGINT NOT NULL REFERENCES units (id),
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    body_html TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX portal_pages_unit_slug ON portal_pages (unit_id, slug);

CREATE TABLE unit_profiles (
    unit_id BIGINT PRIMARY KEY REFERENCES units (id),
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    website TEXT NOT NULL,
    duties TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_title TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE view_counts (
    day TEXT NOT NULL,
    article_id BIGINT NOT NULL,
    views BIGINT NOT NULL,
    PRIMARY KEY (day, article_id)
)
