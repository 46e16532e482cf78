//! TechEmpower's Fortunes test as a page: the props function queries PostgreSQL (the pool
//! the server registers from `DATABASE_URL`), the page renders the table.
use actix_web::web;
use next_runtime::prelude::*;
use serde::Serialize;
use sqlx::PgPool;

use crate::fortunes::{fetch, table, Fortune};

#[derive(Serialize)]
pub struct Props {
    pub fortunes: Vec<Fortune>,
}

#[get_server_side_props]
pub async fn props(_ctx: Context, pool: web::Data<PgPool>) -> Result<ServerSideProps<Props>, Error> {
    Ok(ServerSideProps::props(Props {
        fortunes: fetch(&pool).await?,
    }))
}

#[page]
pub fn page(props: Props) -> Page {
    Page::new(table(&props.fortunes)).title("Fortunes")
}
