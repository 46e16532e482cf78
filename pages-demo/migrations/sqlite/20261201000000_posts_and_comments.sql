CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL REFERENCES posts (id),
    author TEXT NOT NULL,
    body TEXT NOT NULL
);

CREATE INDEX comments_by_post ON comments (post_id, id);
