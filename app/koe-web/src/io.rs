//! Side effects: everything that talks to the browser outside the reactive graph.

pub mod address;
pub mod blob;
pub mod chart_image;
pub mod clock;
pub mod download;
pub mod echarts;
pub mod file_read;
pub mod import_worker;
pub mod json;
pub mod local_store;
pub mod nfkc;
pub mod page;
pub mod sliced;
pub mod store;
pub mod tab_lock;
pub mod timing;
pub mod workspace;
