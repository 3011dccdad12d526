//! The codebook as a CSV file members can share (being written).
