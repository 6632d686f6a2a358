"""The official conformance suite (jupyter_kernel_test) with every sample filled in."""
import unittest

import jupyter_kernel_test


class SaddleKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "saddle-test"
    language_name = "saddle"
    file_extension = ".saddle"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'eprint("oops")'
    completion_samples = [{"text": "pri", "matches": {"print"}}]
    complete_code_samples = ["1 + 2"]
    incomplete_code_samples = ["[1, 2", "1 +"]
    invalid_code_samples = ["1 + )"]
    code_page_something = "?print"
    code_generate_error = "undefined_name"
    code_execute_result = [{"code": "1 + 5", "result": "6"}]
    code_display_data = [
        {"code": "display([1, 2])", "mime": "text/plain"},
        {"code": "display([1, 2])", "mime": "text/latex"},
    ]
    code_history_pattern = "1 + *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "print"
    code_clear_output = "clear_output()"


if __name__ == "__main__":
    unittest.main()
