//! Tag suggestions learned from the user's own tagging (being written).
