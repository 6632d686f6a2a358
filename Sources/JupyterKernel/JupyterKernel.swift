/// Work in progress: the JupyterKernel module is being built in this session.
enum JupyterKernelModule {}
