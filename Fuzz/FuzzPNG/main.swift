import FuzzSupport

runFuzzer(testOneInput)
