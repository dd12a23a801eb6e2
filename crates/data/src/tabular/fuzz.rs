//! Fuzzing the readers and the inference with proptest.
