export var broken = 1;
