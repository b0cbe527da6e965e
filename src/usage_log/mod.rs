//! Usage logs: JSON Lines of API responses or usage records, read in
//! constant memory on all cores. [`record`] parses a line once (with
//! [`scan`], which skips what no field wants),
//! [`shapes`] tells which API's shape it has and reads its usage,
//! [`blocks`] cuts the input into blocks of lines, and [`aggregate`] sums
//! token totals per bucket for `tally` to price ([`held`] keeps the one
//! line of each Claude Code message that counts).

pub(crate) mod agents;
pub mod aggregate;
pub(crate) mod annotate;
pub(crate) mod blocks;
pub(crate) mod classify;
pub(crate) mod csv_rows;
pub mod grouping;
pub(crate) mod held;
pub(crate) mod inputs;
pub(crate) mod names;
pub(crate) mod record;
pub(crate) mod scan;
pub(crate) mod shapes;
