/// Work in progress: the JupyterServer module is being built in this session.
enum JupyterServerModule {}
