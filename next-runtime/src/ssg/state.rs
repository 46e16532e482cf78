//! App state a static props function can take: the `web::Data<T>` values given to
//! `Settings::state`, which are also registered as the app's data for every other handler.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Arc;

use actix_web::web::{Data, ServiceConfig};

/// The app state of a site: every `web::Data<T>` given to `Settings::state`, by type.
#[derive(Clone, Default)]
pub struct State(Arc<HashMap<TypeId, Entry>>);

#[derive(Clone)]
struct Entry {
    /// The `web::Data<T>` itself.
    value: Arc<dyn Any + Send + Sync>,
    type_name: &'static str,
    /// Adds it to an actix app, as `App::app_data` would.
    register: fn(&(dyn Any + Send + Sync), &mut ServiceConfig),
}

impl State {
    /// Adds `data`, replacing an earlier value of the same type.
    pub(crate) fn insert<T: Send + Sync + 'static>(&mut self, data: Data<T>) {
        let entries = Arc::make_mut(&mut self.0);
        entries.insert(
            TypeId::of::<Data<T>>(),
            Entry {
                value: Arc::new(data),
                type_name: std::any::type_name::<T>(),
                register: register::<T>,
            },
        );
    }

    /// The `web::Data<T>` given for `T`.
    pub fn get<T: Send + Sync + 'static>(&self) -> Option<Data<T>> {
        let entry = self.0.get(&TypeId::of::<Data<T>>())?;
        entry.value.downcast_ref::<Data<T>>().cloned()
    }

    /// Registers every value as app data, for props functions, API routes and handlers.
    pub(crate) fn register_all(&self, cfg: &mut ServiceConfig) {
        for entry in self.0.values() {
            (entry.register)(&*entry.value, cfg);
        }
    }

    /// The types held, for messages.
    pub(crate) fn type_names(&self) -> Vec<&'static str> {
        let mut names: Vec<_> = self.0.values().map(|entry| entry.type_name).collect();
        names.sort_unstable();
        names
    }
}

fn register<T: Send + Sync + 'static>(value: &(dyn Any + Send + Sync), cfg: &mut ServiceConfig) {
    if let Some(data) = value.downcast_ref::<Data<T>>() {
        cfg.app_data(data.clone());
    }
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for State {}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.type_names()).finish()
    }
}
