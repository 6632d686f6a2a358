/// Work in progress: the Session module is being built in this session.
enum SessionModule {}
