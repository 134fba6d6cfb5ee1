#!/bin/bash
# Shrink to 20x6: a clear notice, no crash; grow back: the view returns.
. "$(dirname "$0")/lib.sh"
sample_db
start 80 24 -- --db "$DB"
expect "Repair ◆"
resize 20 6
expect "too small"
resize 80 24
expect "Repair ◆"
keys Enter
expect "Feedback ("
resize 20 6
expect "too small"
resize 200 60
expect "Feedback ("
keys Q
expect "[exit 0]"
echo ok
