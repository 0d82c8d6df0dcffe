//! End-to-end tests of file uploads and downloads, with the `files` fixture's generated client against a small axum
//! server on 127.0.0.1 that parses multipart bodies with a real parser (multer, through axum's `Multipart`) and
//! streams response bodies from a channel the test controls.

#[path = "files_e2e/download.rs"]
mod download;
#[path = "files_e2e/server.rs"]
mod server;
#[path = "files_e2e/upload.rs"]
mod upload;
