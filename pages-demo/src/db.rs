//! The blog's database: posts and their comments, in SQLite by default (a file beside the
//! crate, created on first run) or in PostgreSQL when `DATABASE_URL` says `postgres://`.
//! One pool for the whole app, handed to props functions as `web::Data<Db>`.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Row};

use crate::content::POSTS;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// The default database: a SQLite file beside this crate, created if missing.
pub fn default_url() -> String {
    format!(
        "sqlite://{}/pages-demo.db?mode=rwc",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The connection pool.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
}

/// A post as the pages show it.
pub struct Post {
    pub id: i64,
    pub title: String,
    pub body: String,
}

/// A comment under a post.
pub struct Comment {
    pub author: String,
    pub body: String,
}

impl Db {
    /// Connects to `url` (`sqlite://...` or `postgres://...`), brings the schema up to
    /// date and seeds the posts of an empty database.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect(url)
            .await?;
        let migrations = if url.starts_with("postgres") {
            &POSTGRES_MIGRATIONS
        } else {
            &SQLITE_MIGRATIONS
        };
        migrations.run(&pool).await?;
        let db = Db { pool };
        db.seed().await?;
        Ok(db)
    }

    /// The posts of `content.rs`, once.
    async fn seed(&self) -> Result<(), sqlx::Error> {
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM posts")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        if count > 0 {
            return Ok(());
        }
        for post in POSTS {
            sqlx::query("INSERT INTO posts (id, title, body) VALUES ($1, $2, $3)")
                .bind(post.id as i64)
                .bind(post.title)
                .bind(post.body)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    pub async fn posts(&self) -> Result<Vec<Post>, sqlx::Error> {
        sqlx::query("SELECT id, title, body FROM posts ORDER BY id")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(post)
            .collect()
    }

    pub async fn post(&self, id: i64) -> Result<Option<Post>, sqlx::Error> {
        sqlx::query("SELECT id, title, body FROM posts WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(post)
            .transpose()
    }

    pub async fn comments(&self, post_id: i64) -> Result<Vec<Comment>, sqlx::Error> {
        sqlx::query("SELECT author, body FROM comments WHERE post_id = $1 ORDER BY id")
            .bind(post_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                Ok(Comment {
                    author: row.try_get("author")?,
                    body: row.try_get("body")?,
                })
            })
            .collect()
    }

    pub async fn add_comment(
        &self,
        post_id: i64,
        author: &str,
        body: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("INSERT INTO comments (post_id, author, body) VALUES ($1, $2, $3)")
            .bind(post_id)
            .bind(author)
            .bind(body)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Closes the pool: every later query fails (the tests' broken database).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn post(row: &AnyRow) -> Result<Post, sqlx::Error> {
    Ok(Post {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        body: row.try_get("body")?,
    })
}
