"""The build engine: plans every output, runs the stages (load, discover, render, check, write, index) and reuses what an earlier build made. Imports every layer below it."""
