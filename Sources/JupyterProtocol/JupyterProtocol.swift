/// Work in progress: the JupyterProtocol module is being built in this session.
enum JupyterProtocolModule {}
